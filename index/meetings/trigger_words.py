"""The words that speak of a meeting ("will meet", "held talks with", "talks are under way between", "hosted",
"during talks in"), each with how its parties stand around it (index.meetings.triggers reads them)."""

from __future__ import annotations

import re

_I = re.IGNORECASE
TRIGGERS: list[tuple[re.Pattern[str], str]] = [(re.compile(rx, _I), kind) for rx, kind in [
    ((r"\b(?:held|hold|holds|holding|had|have|has|having)\s+(?:(?:a|an|the|their|his|her|separate|joint|bilateral"
     r"|trilateral|direct|face-to-face|one-on-one|phone|telephone|video|virtual|further|fresh|new|first|second"
     r"|lengthy|closed-door|private|working|informal|official|\w+-\w+|[“\"][\w\s-]{1,20}[”\"]|\w+\s+(?:rounds?|hours?|days?)\s+of)\s+){0,3}"
     r"(?:talks|meetings?|consultations|discussions"
     r"|negotiations|summit|call|conversation|videoconference|lunch|dinner|breakfast)\b(?:(?:\s+(?:(?:in|at)\s+[A-Z][\w-]+|here|there|today"
     r"|yesterday|tomorrow|(?:later|earlier)\s+this\s+\w+|(?:next|last|this)\s+\w+|on\s+\w+)){0,2}\s+with\b)?"), "verb"),
    (r"\b(?:meet|meets|meeting|met)(?:\s+(?:separately|jointly|together|privately|briefly|again))?(?:\s+with)?\b",
     "verb"),
    ((r"\b(?:talks|consultations|discussions|negotiations|summit|meetings?|conversation|call|videoconference"
     r"|conference|audience)\s+(?:(?:scheduled|planned|expected|held|due)\s+)?(?:(?:in\s+[A-Z][\w-]+|(?:later|earlier)\s+this\s+\w+|(?:next|last|this)\s+\w+|on\s+\w+"
     r"|yesterday|today|tomorrow"
     r"|at\s+the\s+(?:[\w-]+\s+){0,3}?(?:mission|embassy|residence|ministry|hotel|palace|headquarters))\s+){0,2}"
     r"(?:with|between)\b"), "noun"),  # "a summit in Ottawa next month between", "a meeting at the U.S. mission with"
    # "the talks leading up to the main event will be in Washington next Wednesday between"
    ((r"\b(?:talks|meetings?|summit|negotiations)\b[^.,;:]{0,80}?\b(?:(?:will|would|is|are)\s+(?:to\s+)?be\s+(?:held\s+)?"
      r"|(?:is|are|was|were)\s+(?:now\s+|still\s+|currently\s+)?(?:under\s*way|in\s+progress|going\s+on)\b)"
      r"[^.,;:]{0,50}?\s+between\b"), "noun"),  # "Talks are underway between financially troubled Zaire and"
    # "two meetings which he said took place between North, Casey and Thatcher", "negotiations currently held between"
    ((r"\b(?:talks|meetings?|summit|negotiations)\b[^.,;:]{0,60}?\b(?:took\s+place|(?:was|were|currently|now|being)\s+held"
      r"|began|opened|resumed)(?:\s+(?:today|yesterday|here|on\s+[A-Z]\w+))?\s+between\b"), "noun"),
    # "X and Y signed the deal in Buenos Aires", "signed an accord with": a signing brings them together
    ((r"\b(?:signed|signs|sign)\s+(?:a|an|the|their|its|two|three|several)\s+(?:[\w-]+\s+){0,3}?(?:deals?|agreements?|accords?"
      r"|treaty|treaties|pacts?|memorandum|memorand[au]m?s?|protocols?|declaration|communiqu\S*)\b(?:\s+with\b)?"), "verb"),
    (r"\b(?:visit|visits|visited|visiting)\b", "host"),  # "will visit Treasury Secretary James Baker"
    ((r"\b(?:spoke|spoken|speaks|speak|speaking|talked|talks|talk|conferred|confer|confers|conferring)\s+(?:(?:by|over\s+the|on\s+the)\s+(?:tele)?phone"
     r"\s+|via\s+video(?:\s*link)?\s+)?(?:(?:yesterday|today|tomorrow|earlier|later|on\s+[A-Z]\w+day|(?:last|next|this)\s+\w+)\s+)?(?:with|to)\b"),
     "verb"),
    (r"\b(?:hosted|hosts|host|hosting|received|receives|receive|receiving|welcomed|welcomes|welcome)\b", "host"),
    (r"\b(?:phoned|telephoned)\b", "host"),
    (r"\btold\b(?=\s+(?:[A-Z][\w'’.-]+\s+){1,5}?in\s+[A-Z]\w+)", "host"),  # "told Trade Minister X in Tokyo"
    (r"\b(?:discuss|discussed|discusses|discussing)\b(?:[^.,;:“”\"]{0,60}?\bwith\b)?", "discuss"),
    ((r"\b(?:sat|sit|sits|sitting)\s+down\s+(?:(?:on\s+[A-Z]\w+|yesterday|today|here|again|privately"
      r"|in\s+[A-Z]\w+)\s+){0,2}with\b"), "verb"),  # "sat down on Tuesday with"
    (r"\b(?:spoke|spoken|talked)\s+(?:by|over\s+the|on\s+the)\s+(?:tele)?phone\b(?!\s+(?:\w+\s+){0,3}?(?:with|to)\b)",
     "verb"),  # "Luest and Fletcher had spoken by telephone on Friday"
    # "conferred for more than an hour yesterday with"
    (r"\b(?:conferred|talked|spoke|met)\s+(?:for|at|by|over)\s+(?:[a-z]+\s+){0,5}?with\b", "verb"),  # "met for an hour with"
    (r"\b(?:see|sees|saw|seeing)\b", "host"),  # "is expected to see Mr Mugabe": a person right after it
    (r"\bcall(?:s|ed|ing)?\s+on\b", "host"),
    (r"\b(?:called\s+in|summon(?:s|ed|ing)?|brief(?:s|ed|ing)?)\b", "host"),  # "brief Mr Mandelson"  # "called in India's High Commissioner"  # "called on Prime Minister Prem": a visit to him (not "called on X to")
    # "are due to join Woerner and Younger in Madrid for a four-nation meeting"
    (r"\bjoin(?:s|ed|ing)?\b(?=[^.;]{0,80}\bfor\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:meeting|talks|summit|conference)\b)",
     "verb"),
    # "A and his counterpart B had agreed ... during talks in Bonn": the coordinated subject met
    ((r"\b(?:during|at|after|following|in(?=\s+(?:a|an|the|their)\s))\s+(?:their\s+|the\s+)?(?:[\w-]+['’]?\s+){0,3}?(?:talks"
      r"|meetings?|negotiations)\b"
      r"(?!\s+of\b)(?![^.,;:]{0,60}\b(?:with|between)\b)"), "during"),
    (r"\b(?:call|visit)\s+from\b", "from"),  # "received a phone call from X": X initiates
    # "speaking at a reception held for him by President X": X hosts him
    ((r"\b(?:reception|dinner|luncheon|lunch|banquet|breakfast)\s+(?:held|given|hosted)\s+(?:for|in\s+honou?r\s+of)\s+"
      r"(?:him|her)\s+by\b"), "from"),
    (r"\b(?:be|been|being|was|were|is|are)\s+received\s+by\b", "from"),  # "is due to be received by X": X hosts
]]
# "X and Y met" (no object): these verbs split a coordinated subject into participant and counterparts
SPLIT_VERBS = {"meet", "meets", "met", "held", "hold", "holds", "holding", "had", "have", "has", "having", "spoke",
                "spoken", "speak", "speaks", "talked", "conferred", "sat", "discussed", "discuss", "signed", "signs", "sign"}
