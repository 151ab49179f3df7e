/* BM25 candidates in one pass over the query terms' postings: the compiled form of
   index.lexical.Bm25Index.candidates (same inputs, same results). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    float score;
    int64_t row;
} Scored;

static int get_array(PyObject *object, Py_buffer *view, Py_ssize_t itemsize, char kind, int writable,
                     const char *name) {
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(object, view, flags) < 0) {
        return -1;
    }
    char format = view->format ? view->format[strlen(view->format) - 1] : 'B';
    int is_float = format == 'f' || format == 'd';
    if (view->itemsize != itemsize || (kind == 'f') != is_float) {
        PyErr_Format(PyExc_TypeError, "%s must be a contiguous %s array of %zd-byte items", name,
                     kind == 'f' ? "float" : "integer", itemsize);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* ranked by score, then by the lower row, so that ties are broken the same whatever the postings' order */
static int worse(const Scored *a, const Scored *b) {
    return a->score < b->score || (a->score == b->score && a->row > b->row);
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
        Scored swap = heap[i];
        heap[i] = heap[child];
        heap[child] = swap;
        i = child;
    }
}

static void sift_up(Scored *heap, Py_ssize_t i) {
    while (i > 0) {
        Py_ssize_t parent = (i - 1) / 2;
        if (!worse(&heap[i], &heap[parent])) {
            return;
        }
        Scored swap = heap[i];
        heap[i] = heap[parent];
        heap[parent] = swap;
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
    Py_buffer indptr_view, indices_view, data_view, include_view, totals_view;
    if (get_array(indptr_obj, &indptr_view, 8, 'i', 0, "indptr") < 0) {
        return NULL;
    }
    if (get_array(indices_obj, &indices_view, 4, 'i', 0, "indices") < 0) {
        goto release_indptr;
    }
    if (get_array(data_obj, &data_view, 4, 'f', 0, "data") < 0) {
        goto release_indices;
    }
    if (get_array(include_obj, &include_view, 8, 'i', 0, "include") < 0) {
        goto release_data;
    }
    if (get_array(totals_obj, &totals_view, 4, 'f', 1, "totals") < 0) {
        goto release_include;
    }
    PyObject *terms = PySequence_Fast(terms_obj, "terms must be a sequence of term ids");
    if (terms == NULL) {
        goto release_totals;
    }
    const int64_t *indptr = indptr_view.buf;
    const int32_t *indices = indices_view.buf;
    const float *data = data_view.buf;
    const int64_t *include = include_view.buf;
    float *totals = totals_view.buf;
    Py_ssize_t n_terms = indptr_view.len / 8 - 1, n_postings = indices_view.len / 4;
    Py_ssize_t n_docs = totals_view.len / 4, n_include = include_view.len / 8;
    Py_ssize_t n_query = PySequence_Fast_GET_SIZE(terms);
    if (data_view.len / 4 != n_postings) {
        PyErr_SetString(PyExc_ValueError, "indices and data differ in length");
        goto release_terms;
    }
    int64_t *begins = PyMem_Malloc(sizeof(int64_t) * (n_query + 1) * 2);
    Scored *out = PyMem_Malloc(sizeof(Scored) * (depth + n_include + 1));
    if (begins == NULL || out == NULL) {
        PyErr_NoMemory();
        goto free_buffers;
    }
    int64_t *ends = begins + n_query + 1;
    for (Py_ssize_t q = 0; q < n_query; q++) {
        Py_ssize_t term = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(terms, q));
        if (term == -1 && PyErr_Occurred()) {
            goto free_buffers;
        }
        if (term < 0 || term >= n_terms || indptr[term] < 0 || indptr[term] > indptr[term + 1]
            || indptr[term + 1] > n_postings) {
            PyErr_Format(PyExc_ValueError, "term %zd has no postings in this index", term);
            goto free_buffers;
        }
        begins[q] = indptr[term];
        ends[q] = indptr[term + 1];
        for (int64_t j = begins[q]; j < ends[q]; j++) {
            if (indices[j] < 0 || indices[j] >= n_docs) {
                PyErr_SetString(PyExc_ValueError, "a posting names a chunk outside the index");
                goto free_buffers;
            }
        }
    }
    for (Py_ssize_t i = 0; i < n_include; i++) {
        if (include[i] < 0 || include[i] >= n_docs) {
            PyErr_SetString(PyExc_ValueError, "an included row is outside the index");
            goto free_buffers;
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

free_buffers:
    PyMem_Free(begins);
    PyMem_Free(out);
release_terms:
    Py_DECREF(terms);
release_totals:
    PyBuffer_Release(&totals_view);
release_include:
    PyBuffer_Release(&include_view);
release_data:
    PyBuffer_Release(&data_view);
release_indices:
    PyBuffer_Release(&indices_view);
release_indptr:
    PyBuffer_Release(&indptr_view);
    return result;
}

static PyMethodDef methods[] = {
    {"candidates", candidates, METH_VARARGS,
     "candidates(indptr, indices, data, terms, depth, include, totals) -> (rows, scores, best)\n\n"
     "The depth best-scoring rows over the terms' postings together with the included rows, as\n"
     "bytearrays of sorted int64 rows and their float32 scores, and the best score. totals is a\n"
     "zeroed float32 buffer, one item a row, and is zero again on return."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, .m_name = "_bm25", .m_size = -1, .m_methods = methods};

PyMODINIT_FUNC PyInit__bm25(void) {
    return PyModule_Create(&module);
}
