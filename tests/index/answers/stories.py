"""Small invented articles made into a real knowledge base (the shipped model), for questions asked end to end."""

from __future__ import annotations

import warnings


def story_kb(tmp_path_factory, articles: dict[str, str]):
    """A knowledge base of these articles (file name → text), built once per test module."""
    from bot.cli import quiet_environment, shared_embedder
    from index.kb import KnowledgeBase

    quiet_environment()
    corpus = tmp_path_factory.mktemp("story")
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    models = tmp_path_factory.mktemp("models")
    kb = KnowledgeBase(corpus, tmp_path_factory.mktemp("story-index") / "index",
                       embedder=shared_embedder(backend="onnx-int8", cache_dir=models))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        kb.ensure_index()
    return kb
