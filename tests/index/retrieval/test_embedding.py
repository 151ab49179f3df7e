"""The embedding backends: the shipped model through sentence-transformers and through ONNX Runtime."""

import numpy as np
import pytest

from index.retrieval.embedding import Embedder, OnnxEmbedder, make_embedder

pytestmark = pytest.mark.slow

TEXTS = ["Who is meeting Pompeo?", "The pair will also meet Secretary Pompeo in separate meetings in Washington.",
         "Putin discussed the issue in a telephone conversation with Macron."]


def test_onnx_export_matches_the_torch_model(seed_kb, tmp_path):
    """The locally exported ONNX model gives the same unit vectors as sentence-transformers."""
    torch_vectors = Embedder().encode(TEXTS)
    onnx_vectors = OnnxEmbedder(tmp_path / "onnx", int8=False).encode(TEXTS)
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1, atol=1e-4)
    assert (onnx_vectors * torch_vectors).sum(axis=1).min() > 0.999


def test_int8_backend_keeps_the_ranking(seed_kb):
    """The int8 backend (the default) ranks the matching passage first, as the torch model does."""
    vectors = seed_kb.embedder.encode(TEXTS)
    assert "onnx-int8" in seed_kb.embedder.name
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2]


def test_a_question_is_embedded_alike_alone_or_with_others(seed_kb):
    """A question in a file of questions gets the vector (and so the answer) it gets asked alone in Discord:
    the int8 model's activations are quantised per batch, so questions are embedded one at a time."""
    embedder = OnnxEmbedder(seed_kb.embedder.cache_dir, query_cache_size=0)
    question = "When did the Armenian and Azerbaijani ministers last meet in Geneva?"
    alone = embedder.encode_queries([question])[0]
    batched = embedder.encode_queries([question, "Who?", " ".join(TEXTS * 8)])[0]
    assert np.array_equal(alone, batched)


def test_a_passage_is_embedded_alike_whatever_is_embedded_with_it(seed_kb):
    """A passage's vector is its own: the same in a refresh of one article as in a build of the whole corpus
    (the int8 model quantises each run's activations together, so passages run one at a time)."""
    embedder = OnnxEmbedder(seed_kb.embedder.cache_dir)
    alone = embedder.encode([TEXTS[0]])[0]
    among_others = embedder.encode(["Talks.", TEXTS[0], " ".join(TEXTS * 8), *TEXTS[1:]])[1]
    assert np.array_equal(alone, among_others)


def test_unknown_backend_is_refused():
    """A backend name that does not exist is a clear error naming it."""
    with pytest.raises(ValueError, match="'gpu'"):
        make_embedder("gpu")


def test_export_is_reused(tmp_path):
    """A second embedder with the same cache directory reuses the exported files."""
    first = OnnxEmbedder(tmp_path / "onnx")
    first.encode(TEXTS[:1])
    exported = sorted(p.name for p in (tmp_path / "onnx").iterdir())
    stamp = (tmp_path / "onnx" / "model-int8.onnx").stat().st_mtime
    OnnxEmbedder(tmp_path / "onnx").encode(TEXTS[:1])
    assert sorted(p.name for p in (tmp_path / "onnx").iterdir()) == exported
    assert (tmp_path / "onnx" / "model-int8.onnx").stat().st_mtime == stamp


def test_two_first_exports_at_once_both_succeed(tmp_path):
    """Two commands started together on a fresh machine both export the model; neither fails on the
    other's half-written file."""
    import subprocess
    import sys

    code = ("import sys; from index.retrieval.embedding import OnnxEmbedder; "
            "print(OnnxEmbedder(sys.argv[1]).encode(['Who is meeting Pompeo?']).shape)")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "onnx")], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [run.communicate(timeout=300) + (run.returncode,) for run in runs]
    assert [(out.strip(), code) for out, _, code in results] == [("(1, 384)", 0)] * 2, results[0][1][-500:]
    assert sorted(p.name for p in (tmp_path / "onnx").iterdir()) == ["model-int8.onnx", "model.onnx"]
