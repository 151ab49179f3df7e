/* Compiled forms of three steps of every question; numpy forms of each stay in Python for when this
   module is not built: BM25 candidates in one pass over the query terms' postings (index/lexical.py),
   the fusion of dense and BM25 candidates (index/search.py), and each sentence's cosine and the
   question terms and bigrams it holds (index/answer.py). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    float score;
    int64_t row;
} Scored;

typedef struct {
    PyObject *object;
    Py_ssize_t itemsize;
    char kind; /* 'i' integer or 'f' float */
    int writable;
    const char *name;
} ArraySpec;

static void release_arrays(Py_buffer *views, int count) {
    for (int i = 0; i < count; i++) {
        PyBuffer_Release(&views[i]);
    }
}

/* 0 with every array's buffer held (release_arrays frees them); -1 with none held and TypeError set */
static int get_arrays(const ArraySpec *specs, int count, Py_buffer *views) {
    for (int i = 0; i < count; i++) {
        const ArraySpec *spec = &specs[i];
        int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (spec->writable ? PyBUF_WRITABLE : 0);
        if (PyObject_GetBuffer(spec->object, &views[i], flags) < 0) {
            release_arrays(views, i);
            return -1;
        }
        const char *format = views[i].format;
        char last = format ? format[strlen(format) - 1] : 'B';
        int is_float = last == 'f' || last == 'd';
        if (views[i].itemsize != spec->itemsize || (spec->kind == 'f') != is_float) {
            PyErr_Format(PyExc_TypeError, "%s must be a contiguous %s array of %zd-byte items", spec->name,
                         spec->kind == 'f' ? "float" : "integer", spec->itemsize);
            release_arrays(views, i + 1);
            return -1;
        }
    }
    return 0;
}

static int64_t *int64_list(PyObject *sequence, Py_ssize_t *size, const char *name) {
    PyObject *items = PySequence_Fast(sequence, name);
    if (items == NULL) {
        return NULL;
    }
    *size = PySequence_Fast_GET_SIZE(items);
    int64_t *out = PyMem_Malloc(sizeof(int64_t) * (*size + 1));
    if (out == NULL) {
        PyErr_NoMemory();
    } else {
        for (Py_ssize_t i = 0; i < *size; i++) {
            out[i] = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(items, i));
            if (out[i] == -1 && PyErr_Occurred()) {
                PyMem_Free(out);
                out = NULL;
                break;
            }
        }
    }
    Py_DECREF(items);
    return out;
}

/* ranked by score, then by the lower row, so that ties are broken the same whatever the postings' order */
static int worse(const Scored *a, const Scored *b) {
    return a->score < b->score || (a->score == b->score && a->row > b->row);
}

static void swap(Scored *heap, Py_ssize_t i, Py_ssize_t j) {
    Scored held = heap[i];
    heap[i] = heap[j];
    heap[j] = held;
}

/* the heap's worst entry sits at the root */
static void sift_down(Scored *heap, Py_ssize_t size, Py_ssize_t i) {
    for (;;) {
        Py_ssize_t child = 2 * i + 1;
        if (child >= size) {
            return;
        }
        if (child + 1 < size && worse(&heap[child + 1], &heap[child])) {
            child++;
        }
        if (!worse(&heap[child], &heap[i])) {
            return;
        }
        swap(heap, i, child);
        i = child;
    }
}

static void sift_up(Scored *heap, Py_ssize_t i) {
    while (i > 0) {
        Py_ssize_t parent = (i - 1) / 2;
        if (!worse(&heap[i], &heap[parent])) {
            return;
        }
        swap(heap, i, parent);
        i = parent;
    }
}

static int by_row(const void *a, const void *b) {
    int64_t x = ((const Scored *)a)->row, y = ((const Scored *)b)->row;
    return (x > y) - (x < y);
}

static PyObject *candidates(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *indptr_obj, *indices_obj, *data_obj, *terms_obj, *include_obj, *totals_obj;
    Py_ssize_t depth;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "OOOOnOO", &indptr_obj, &indices_obj, &data_obj, &terms_obj, &depth,
                          &include_obj, &totals_obj)) {
        return NULL;
    }
    if (depth < 0) {
        PyErr_SetString(PyExc_ValueError, "depth must not be negative");
        return NULL;
    }
    Py_buffer views[5];
    const ArraySpec specs[5] = {{indptr_obj, 8, 'i', 0, "indptr"}, {indices_obj, 4, 'i', 0, "indices"},
                                {data_obj, 4, 'f', 0, "data"}, {include_obj, 8, 'i', 0, "include"},
                                {totals_obj, 4, 'f', 1, "totals"}};
    if (get_arrays(specs, 5, views) < 0) {
        return NULL;
    }
    Py_ssize_t n_query = 0;
    int64_t *terms = int64_list(terms_obj, &n_query, "terms must be a sequence of term ids");
    int64_t *begins = NULL;
    Scored *out = NULL;
    if (terms == NULL) {
        goto release;
    }
    const int64_t *indptr = views[0].buf, *include = views[3].buf;
    const int32_t *indices = views[1].buf;
    const float *data = views[2].buf;
    float *totals = views[4].buf;
    Py_ssize_t n_terms = views[0].len / 8 - 1, n_postings = views[1].len / 4;
    Py_ssize_t n_docs = views[4].len / 4, n_include = views[3].len / 8;
    if (views[2].len / 4 != n_postings) {
        PyErr_SetString(PyExc_ValueError, "indices and data differ in length");
        goto release;
    }
    begins = PyMem_Malloc(sizeof(int64_t) * (n_query + 1) * 2);
    out = PyMem_Malloc(sizeof(Scored) * (depth + n_include + 1));
    if (begins == NULL || out == NULL) {
        PyErr_NoMemory();
        goto release;
    }
    int64_t *ends = begins + n_query + 1;
    for (Py_ssize_t q = 0; q < n_query; q++) {
        int64_t term = terms[q];
        if (term < 0 || term >= n_terms || indptr[term] < 0 || indptr[term] > indptr[term + 1]
            || indptr[term + 1] > n_postings) {
            PyErr_Format(PyExc_ValueError, "term %lld has no postings in this index", (long long)term);
            goto release;
        }
        begins[q] = indptr[term];
        ends[q] = indptr[term + 1];
        for (int64_t j = begins[q]; j < ends[q]; j++) {
            if (indices[j] < 0 || indices[j] >= n_docs) {
                PyErr_SetString(PyExc_ValueError, "a posting names a chunk outside the index");
                goto release;
            }
        }
    }
    for (Py_ssize_t i = 0; i < n_include; i++) {
        if (include[i] < 0 || include[i] >= n_docs) {
            PyErr_SetString(PyExc_ValueError, "an included row is outside the index");
            goto release;
        }
    }

    for (Py_ssize_t q = 0; q < n_query; q++) {
        for (int64_t j = begins[q]; j < ends[q]; j++) {
            totals[indices[j]] += data[j];
        }
    }
    Py_ssize_t n_out = 0;
    for (Py_ssize_t i = 0; i < n_include; i++) {
        out[n_out].row = include[i];
        out[n_out].score = totals[include[i]];
        n_out++;
    }
    /* each touched chunk is looked at once: its total is cleared after the first look */
    Scored *heap = out + n_out;
    Py_ssize_t heap_size = 0;
    float best = 0.0f;
    for (Py_ssize_t q = 0; q < n_query; q++) {
        for (int64_t j = begins[q]; j < ends[q]; j++) {
            int32_t row = indices[j];
            float score = totals[row];
            if (score == 0.0f) {
                continue;
            }
            totals[row] = 0.0f;
            if (score > best) {
                best = score;
            }
            if (score < 0.0f || depth == 0) {
                continue;
            }
            if (heap_size < depth) {
                heap[heap_size].score = score;
                heap[heap_size].row = row;
                sift_up(heap, heap_size++);
            } else {
                Scored entry = {score, row};
                if (worse(&heap[0], &entry)) {
                    heap[0] = entry;
                    sift_down(heap, heap_size, 0);
                }
            }
        }
    }
    n_out += heap_size;
    qsort(out, n_out, sizeof(Scored), by_row);
    Py_ssize_t unique = 0;
    for (Py_ssize_t i = 0; i < n_out; i++) {
        if (unique == 0 || out[unique - 1].row != out[i].row) {
            out[unique++] = out[i];
        }
    }
    PyObject *rows = PyByteArray_FromStringAndSize(NULL, unique * 8);
    PyObject *scores = PyByteArray_FromStringAndSize(NULL, unique * 4);
    if (rows != NULL && scores != NULL) {
        int64_t *row_out = (int64_t *)PyByteArray_AS_STRING(rows);
        float *score_out = (float *)PyByteArray_AS_STRING(scores);
        for (Py_ssize_t i = 0; i < unique; i++) {
            row_out[i] = out[i].row;
            score_out[i] = out[i].score;
        }
        result = Py_BuildValue("(OOd)", rows, scores, (double)best);
    }
    Py_XDECREF(rows);
    Py_XDECREF(scores);

release:
    PyMem_Free(terms);
    PyMem_Free(begins);
    PyMem_Free(out);
    release_arrays(views, 5);
    return result;
}

/* 0 when every chunk row and its range of sentence rows lie inside the index; else -1, ValueError set */
static int check_chunk_rows(const int64_t *rows, Py_ssize_t n_rows, const int64_t *first, Py_ssize_t n_chunks,
                            Py_ssize_t n_sentences) {
    for (Py_ssize_t i = 0; i < n_rows; i++) {
        int64_t p = rows[i];
        if (p < 0 || p >= n_chunks || first[p] < 0 || first[p] > first[p + 1] || first[p + 1] > n_sentences) {
            PyErr_SetString(PyExc_ValueError, "a chunk row is outside the index");
            return -1;
        }
    }
    return 0;
}

static float dot(const float *a, const float *b, Py_ssize_t d) {
    float sums[8] = {0};
    Py_ssize_t i = 0;
    for (; i + 8 <= d; i += 8) {
        for (int j = 0; j < 8; j++) {
            sums[j] += a[i + j] * b[i + j];
        }
    }
    for (; i < d; i++) {
        sums[0] += a[i] * b[i];
    }
    return ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]));
}

static PyObject *sentence_features(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *first_obj, *vectors_obj, *query_obj, *positions_obj, *codes_obj, *offsets_obj;
    PyObject *ids_obj, *weights_obj, *pairs_obj;
    long long vocabulary;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "OOOOOOOOOL", &first_obj, &vectors_obj, &query_obj, &positions_obj,
                          &codes_obj, &offsets_obj, &ids_obj, &weights_obj, &pairs_obj, &vocabulary)) {
        return NULL;
    }
    Py_buffer views[5];
    const ArraySpec specs[5] = {{first_obj, 8, 'i', 0, "first_sentence"},
                                {vectors_obj, 4, 'f', 0, "sentence_vectors"}, {query_obj, 4, 'f', 0, "query"},
                                {codes_obj, 4, 'i', 0, "codes"}, {offsets_obj, 8, 'i', 0, "offsets"}};
    if (get_arrays(specs, 5, views) < 0) {
        return NULL;
    }
    Py_ssize_t n_positions = 0, n_ids = 0, n_pairs = 0;
    int64_t *positions = NULL, *ids = NULL, *pairs = NULL;
    double *weights = NULL;
    char *seen = NULL;
    PyObject *weight_items = NULL;
    PyObject *lists[5] = {NULL, NULL, NULL, NULL, NULL};
    positions = int64_list(positions_obj, &n_positions, "positions must be a sequence of chunk rows");
    ids = int64_list(ids_obj, &n_ids, "ids must be a sequence of term ids");
    pairs = int64_list(pairs_obj, &n_pairs, "pairs must be a sequence of bigram codes");
    weight_items = PySequence_Fast(weights_obj, "weights must be a sequence of numbers");
    if (positions == NULL || ids == NULL || pairs == NULL || weight_items == NULL) {
        goto release;
    }
    if (PySequence_Fast_GET_SIZE(weight_items) != n_ids) {
        PyErr_SetString(PyExc_ValueError, "ids and weights differ in length");
        goto release;
    }
    weights = PyMem_Malloc(sizeof(double) * (n_ids + 1));
    seen = PyMem_Malloc(n_ids + n_pairs + 1);
    if (weights == NULL || seen == NULL) {
        PyErr_NoMemory();
        goto release;
    }
    for (Py_ssize_t i = 0; i < n_ids; i++) {
        weights[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(weight_items, i));
        if (weights[i] == -1.0 && PyErr_Occurred()) {
            goto release;
        }
    }
    const int64_t *first = views[0].buf, *offsets = views[4].buf;
    const float *vectors = views[1].buf, *query = views[2].buf;
    const int32_t *codes = views[3].buf;
    Py_ssize_t d = views[2].len / 4, n_chunks = views[0].len / 8 - 1, n_codes = views[3].len / 4;
    Py_ssize_t n_sentences = views[4].len / 8 - 1;
    if (d == 0 || n_chunks < 0 || n_sentences < 0 || views[1].len != n_sentences * d * 4) {
        PyErr_SetString(PyExc_ValueError, "sentence_features: arrays of mismatched sizes");
        goto release;
    }
    if (check_chunk_rows(positions, n_positions, first, n_chunks, n_sentences) < 0) {
        goto release;
    }
    for (Py_ssize_t h = 0; h < n_positions; h++) {
        for (int64_t row = first[positions[h]]; row < first[positions[h] + 1]; row++) {
            if (offsets[row] < 0 || offsets[row] > offsets[row + 1] || offsets[row + 1] > n_codes) {
                PyErr_SetString(PyExc_ValueError, "sentence terms are outside the index");
                goto release;
            }
        }
    }
    for (int j = 0; j < 5; j++) {
        if ((lists[j] = PyList_New(0)) == NULL) {
            goto release;
        }
    }
    char *seen_pairs = seen + n_ids;
    for (Py_ssize_t h = 0; h < n_positions; h++) {
        for (int64_t row = first[positions[h]]; row < first[positions[h] + 1]; row++) {
            memset(seen, 0, n_ids + n_pairs);
            int64_t previous = -1;
            for (int64_t j = offsets[row]; j < offsets[row + 1]; j++) {
                int64_t id = codes[j] >> 1;
                for (Py_ssize_t i = 0; i < n_ids; i++) {
                    seen[i] |= ids[i] == id;
                }
                if (codes[j] & 1) { /* a country alias: not part of any bigram */
                    continue;
                }
                if (previous >= 0) {
                    int64_t pair = previous * vocabulary + id;
                    for (Py_ssize_t i = 0; i < n_pairs; i++) {
                        seen_pairs[i] |= pairs[i] == pair;
                    }
                }
                previous = id;
            }
            double held = 0.0, shared = 0.0;
            for (Py_ssize_t i = 0; i < n_ids; i++) {
                held += seen[i] ? weights[i] : 0.0;
            }
            for (Py_ssize_t i = 0; i < n_pairs; i++) {
                shared += seen_pairs[i];
            }
            PyObject *items[5] = {PyLong_FromLongLong(row), PyLong_FromSsize_t(h),
                                  PyFloat_FromDouble(dot(vectors + row * d, query, d)),
                                  PyFloat_FromDouble(held), PyFloat_FromDouble(shared)};
            int failed = 0;
            for (int j = 0; j < 5; j++) {
                failed |= items[j] == NULL || PyList_Append(lists[j], items[j]) < 0;
                Py_XDECREF(items[j]);
            }
            if (failed) {
                goto release;
            }
        }
    }
    result = PyTuple_Pack(5, lists[0], lists[1], lists[2], lists[3], lists[4]);

release:
    for (int j = 0; j < 5; j++) {
        Py_XDECREF(lists[j]);
    }
    PyMem_Free(positions);
    PyMem_Free(ids);
    PyMem_Free(pairs);
    PyMem_Free(weights);
    PyMem_Free(seen);
    Py_XDECREF(weight_items);
    release_arrays(views, 5);
    return result;
}

typedef struct {
    double key;
    Py_ssize_t at;
} Ranked;

/* higher key first; equal keys keep their order */
static int by_key(const void *a, const void *b) {
    const Ranked *x = a, *y = b;
    if (x->key != y->key) {
        return x->key < y->key ? 1 : -1;
    }
    return (x->at > y->at) - (x->at < y->at);
}

static int by_at(const void *a, const void *b) {
    Py_ssize_t x = ((const Ranked *)a)->at, y = ((const Ranked *)b)->at;
    return (x > y) - (x < y);
}

static PyObject *fuse(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *vectors_obj, *query_obj, *positions_obj, *bm25_obj, *first_obj, *sentences_obj;
    double best, chunk_weight, sentence_weight, lexical_weight;
    Py_ssize_t rescored, k;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "OOOOdOOdddnn", &vectors_obj, &query_obj, &positions_obj, &bm25_obj, &best,
                          &first_obj, &sentences_obj, &chunk_weight, &sentence_weight, &lexical_weight,
                          &rescored, &k)) {
        return NULL;
    }
    Py_buffer views[6];
    const ArraySpec specs[6] = {{vectors_obj, 4, 'f', 0, "vectors"}, {query_obj, 4, 'f', 0, "query"},
                                {positions_obj, 8, 'i', 0, "positions"}, {bm25_obj, 4, 'f', 0, "bm25"},
                                {first_obj, 8, 'i', 0, "first_sentence"},
                                {sentences_obj, 4, 'f', 0, "sentence_vectors"}};
    if (get_arrays(specs, 6, views) < 0) {
        return NULL;
    }
    double *dense = NULL;
    Ranked *ranked = NULL;
    Py_ssize_t d = views[1].len / 4, n_candidates = views[2].len / 8;
    if (d == 0 || views[0].len % (d * 4) || views[5].len % (d * 4) || views[3].len / 4 != n_candidates
        || rescored < 1 || k < 1) {
        PyErr_SetString(PyExc_ValueError, "fuse: arrays of mismatched sizes");
        goto release;
    }
    const float *vectors = views[0].buf, *query = views[1].buf, *bm25 = views[3].buf;
    const float *sentence_vectors = views[5].buf;
    const int64_t *positions = views[2].buf, *first = views[4].buf;
    Py_ssize_t n_chunks = views[0].len / (d * 4), n_sentences = views[5].len / (d * 4);
    if (views[4].len / 8 != n_chunks + 1) {
        PyErr_SetString(PyExc_ValueError, "fuse: first_sentence must have one item per chunk and one more");
        goto release;
    }
    if (check_chunk_rows(positions, n_candidates, first, n_chunks, n_sentences) < 0) {
        goto release;
    }
    dense = PyMem_Malloc(sizeof(double) * (3 * n_candidates + 1));
    ranked = PyMem_Malloc(sizeof(Ranked) * (n_candidates + 1));
    if (dense == NULL || ranked == NULL) {
        PyErr_NoMemory();
        goto release;
    }
    double *lexical = dense + n_candidates, *fused = lexical + n_candidates;
    for (Py_ssize_t i = 0; i < n_candidates; i++) {
        dense[i] = dot(vectors + positions[i] * d, query, d);
        lexical[i] = best > 0 ? bm25[i] / best : bm25[i];
        fused[i] = chunk_weight * dense[i] + lexical_weight * lexical[i];
        /* until the final few are rescored, the chunk's cosine stands in for its best sentence's */
        ranked[i].key = fused[i] + sentence_weight * dense[i];
        ranked[i].at = i;
    }
    Py_ssize_t kept = n_candidates;
    if (sentence_weight > 0) {
        if (rescored < n_candidates) {
            qsort(ranked, n_candidates, sizeof(Ranked), by_key);
            kept = rescored;
            qsort(ranked, kept, sizeof(Ranked), by_at);
        }
        for (Py_ssize_t r = 0; r < kept; r++) {
            Py_ssize_t i = ranked[r].at;
            int64_t p = positions[i];
            float nearest = first[p] < first[p + 1] ? -2.0f : (float)dense[i];
            for (int64_t s = first[p]; s < first[p + 1]; s++) {
                float cosine = dot(sentence_vectors + s * d, query, d);
                nearest = cosine > nearest ? cosine : nearest;
            }
            fused[i] += sentence_weight * nearest;
        }
    }
    for (Py_ssize_t r = 0; r < kept; r++) {
        ranked[r].key = fused[ranked[r].at];
    }
    qsort(ranked, kept, sizeof(Ranked), by_key);
    Py_ssize_t n_out = kept < k ? kept : k;
    PyObject *rows_out = PyList_New(n_out), *fused_out = PyList_New(n_out);
    PyObject *dense_out = PyList_New(n_out), *lexical_out = PyList_New(n_out);
    if (rows_out != NULL && fused_out != NULL && dense_out != NULL && lexical_out != NULL) {
        int failed = 0;
        for (Py_ssize_t r = 0; r < n_out && !failed; r++) {
            Py_ssize_t i = ranked[r].at;
            PyObject *items[4] = {PyLong_FromLongLong(positions[i]), PyFloat_FromDouble(fused[i]),
                                  PyFloat_FromDouble(dense[i]), PyFloat_FromDouble(lexical[i])};
            PyObject *lists[4] = {rows_out, fused_out, dense_out, lexical_out};
            for (int j = 0; j < 4; j++) {
                if (items[j] == NULL) {
                    failed = 1;
                } else {
                    PyList_SET_ITEM(lists[j], r, items[j]);
                }
            }
        }
        if (!failed) {
            result = PyTuple_Pack(4, rows_out, fused_out, dense_out, lexical_out);
        }
    }
    Py_XDECREF(rows_out);
    Py_XDECREF(fused_out);
    Py_XDECREF(dense_out);
    Py_XDECREF(lexical_out);

release:
    PyMem_Free(dense);
    PyMem_Free(ranked);
    release_arrays(views, 6);
    return result;
}

static PyMethodDef methods[] = {
    {"candidates", candidates, METH_VARARGS,
     "candidates(indptr, indices, data, terms, depth, include, totals) -> (rows, scores, best)\n\n"
     "The depth best-scoring rows over the terms' postings together with the included rows, as\n"
     "bytearrays of sorted int64 rows and their float32 scores, and the best score. totals is a\n"
     "zeroed float32 buffer, one item a row, and is zero again on return."},
    {"sentence_features", sentence_features, METH_VARARGS,
     "sentence_features(first_sentence, sentence_vectors, query, positions, codes, offsets, ids, weights,\n"
     "                  pairs, vocabulary) -> (rows, owners, cosines, held, shared)\n\n"
     "For each sentence of the chunks at positions, in order: its row, the index of its chunk in\n"
     "positions, its cosine with the query, the summed weights of the term ids it holds, and how many\n"
     "of the bigram codes (first id * vocabulary + second id, country aliases skipped) it holds."},
    {"fuse", fuse, METH_VARARGS,
     "fuse(vectors, query, positions, bm25, best, first_sentence, sentence_vectors, chunk_weight,\n"
     "     sentence_weight, lexical_weight, rescored, k) -> (rows, fused, dense, lexical)\n\n"
     "HybridSearcher's fusion of candidate chunks: the k best as lists, best first."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, .m_name = "_kernels", .m_size = -1,
                                     .m_methods = methods};

PyMODINIT_FUNC PyInit__kernels(void) {
    return PyModule_Create(&module);
}
