"""Support: a passage holds a question's term under the other forms English writes it in, and only those."""

from __future__ import annotations

import pytest

from index.answers.support import Evidence


@pytest.mark.parametrize(("term", "passage"), [
    ("Yesun Temur", "When Yesün Temür died in Shangdu in 1328, a civil war broke out."),
    ("Frensh", "The French military presence was small at the start of the war."),
    ("Zeria", "Galor and Zeira showed that inequality matters."),
    ("Asian", "Orientalism is a view of Asia as exotic."),
    ("Israelis", "Japan told Israel to withdraw from the occupied territories."),
    ("British", "The colony was ruled from Britain."),
    ("SP", "The Scottish Parliament may change the date by up to a month."),
    ("MSPs", "Members of the Scottish Parliament are elected every four years."),
    ("OSCE", "The Organisation for Security and Co-operation in Europe sent observers."),
    ("WWII", "The monument recalls the largest uprising of World War II."),
    ("Jr", "Sophomore, junior and senior students live in the houses."),
    ("TDs", "He scored six touchdowns in thirteen games."),
    ("1700s", "Huguenot mayors served in Dublin in 1718."),
    ("1700s", "They settled there in the eighteenth century."),
    ("Superbowl", "The anthem was sung before Super Bowl 50."),
    ("1647", "Charles was held in Newcastle in 1646–47."),
    ("November", "BUENOS AIRES, Nov 4 - The two leaders held talks today."),
])
def test_a_term_is_held_in_another_form(term, passage):
    """Accents, a slip of a letter or two, demonyms, acronyms, abbreviations (a month's too), centuries,
    spelled together."""
    assert Evidence(passage).supports(term)


@pytest.mark.parametrize(("term", "passage"), [
    ("Geneva", "The ministers met in Moscow."),
    ("Erdogan", "Putin met Macron in Paris."),
    ("1600s", "Huguenot mayors served in Dublin in 1718."),
    ("UN", "The Soviet Union sent a delegation."),
    ("East", "Eastern Europe was not conquered."),
    ("Jesse", "Jessen sailed from Amsterdam."),
    ("December", "BUENOS AIRES, Nov 4 - The two leaders held talks today."),
])
def test_a_different_name_is_not_held(term, passage):
    """Another place, person, century or an unrelated longer word does not count as the term."""
    assert not Evidence(passage).supports(term)
