/* Located YAML loading in C: the fast path of digimandate.model.loader.
 *
 * Built and installed as its own distribution, digimandate-cload (this folder: `pip install ./fast`),
 * so that digimandate itself stays pure Python; digimandate uses it when it is installed and its API
 * number (below) is the one digimandate.model.loader expects.
 *
 * Drives LibYAML's parser, compiled into this extension from the sources in libyaml/ (so nothing
 * is assumed about how another package built or links its copy), and builds the same LMap/LList
 * objects with packed positions that digimandate.model.loader._Builder builds, without a Python
 * object per event. It handles the common document only: any anchor, alias, explicit tag,
 * duplicate or non-text key, merge key, second document, limit, or parser error makes load()
 * return None, and the caller then runs the Python builder, which produces the exact error
 * message. A test compares both paths on every example and on generated documents.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "yaml.h"

static PyObject *lmap_type, *llist_type, *array_type, *resolve_fn;
static PyObject *name_pos, *name_src, *name_spots, *type_code, *merge_key, *empty_tuple;
static char first_chars[128]; /* plain scalars starting with these may be numbers, dates, ... */
static int empty_is_special;    /* an empty plain scalar resolves too (to null) */
static int configured;

typedef struct {
    PyObject *container; /* owned */
    int is_map;
    PyObject *key; /* owned; pending key of a mapping */
    uint64_t at;   /* where the container itself starts */
    uint64_t key_at;
    uint64_t *spots;
    Py_ssize_t n, cap;
} Frame;

typedef struct {
    Frame *frames;
    Py_ssize_t depth, max_depth;
    PyObject *root;  /* owned */
    PyObject *cache; /* plain scalar text -> resolved value; shares repeated values */
    PyObject *src;
} State;

static uint64_t pack(const yaml_mark_t *mark) {
    return ((uint64_t)(mark->line + 1) << 32) | (uint64_t)(mark->column + 1);
}

static int push_spot(Frame *f, uint64_t spot) {
    if (f->n == f->cap) {
        Py_ssize_t cap = f->cap ? f->cap * 2 : 8;
        uint64_t *grown = PyMem_Realloc(f->spots, (size_t)cap * sizeof(uint64_t));
        if (grown == NULL) return -1;
        f->spots = grown;
        f->cap = cap;
    }
    f->spots[f->n++] = spot;
    return 0;
}

/* Create an LMap or LList with its position and file set; its spots come when it closes. */
static PyObject *new_container(PyObject *type, const yaml_mark_t *mark, PyObject *src) {
    PyObject *obj = ((PyTypeObject *)type)->tp_new((PyTypeObject *)type, empty_tuple, NULL);
    if (obj == NULL) return NULL;
    PyObject *pos = Py_BuildValue("(nn)", (Py_ssize_t)mark->line + 1, (Py_ssize_t)mark->column + 1);
    if (pos == NULL || PyObject_SetAttr(obj, name_pos, pos) < 0 || PyObject_SetAttr(obj, name_src, src) < 0) {
        Py_XDECREF(pos);
        Py_DECREF(obj);
        return NULL;
    }
    Py_DECREF(pos);
    return obj;
}

/* Attach a finished value to the open container; 1 = attached, 0 = leave it to the Python path. */
static int attach(State *st, PyObject *value, uint64_t at) {
    if (st->depth == 0) {
        Py_XDECREF(st->root);
        Py_INCREF(value);
        st->root = value;
        return 1;
    }
    Frame *f = &st->frames[st->depth - 1];
    if (!f->is_map) {
        if (PyList_Append(f->container, value) < 0 || push_spot(f, at) < 0) return -1;
        return 1;
    }
    if (f->key == NULL) {
        /* Keys must be text, not '<<', and not repeated; anything else is an error to report. */
        if (!PyUnicode_CheckExact(value)) return 0;
        int r = PyUnicode_Compare(value, merge_key);
        if (r == 0) return 0;
        if (r == -1 && PyErr_Occurred()) return -1;
        r = PyDict_Contains(f->container, value);
        if (r != 0) return r < 0 ? -1 : 0;
        Py_INCREF(value);
        PyUnicode_InternInPlace(&value);
        f->key = value;
        f->key_at = at;
        return 1;
    }
    if (PyDict_SetItem(f->container, f->key, value) < 0) return -1;
    Py_CLEAR(f->key);
    if (push_spot(f, f->key_at) < 0 || push_spot(f, at) < 0) return -1;
    return 1;
}

static PyObject *scalar_value(State *st, const yaml_event_t *ev) {
    const char *text = (const char *)ev->data.scalar.value;
    Py_ssize_t len = (Py_ssize_t)ev->data.scalar.length;
    PyObject *value = PyUnicode_DecodeUTF8(text, len, "strict");
    if (value == NULL) return NULL;
    if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || !ev->data.scalar.plain_implicit) {
        return value; /* quoted and block scalars are text as written */
    }
    PyObject *known = PyDict_GetItemWithError(st->cache, value);
    if (known != NULL) {
        Py_INCREF(known);
        Py_DECREF(value);
        return known;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(value);
        return NULL;
    }
    unsigned char first = len ? (unsigned char)text[0] : 0;
    PyObject *resolved;
    if ((len == 0 && empty_is_special) || (len > 0 && first < 128 && first_chars[first])) {
        resolved = PyObject_CallOneArg(resolve_fn, value);
        if (resolved == NULL) {
            Py_DECREF(value);
            return NULL;
        }
    } else {
        resolved = value;
        Py_INCREF(resolved);
    }
    int r = PyDict_SetItem(st->cache, value, resolved);
    Py_DECREF(value);
    if (r < 0) {
        Py_DECREF(resolved);
        return NULL;
    }
    return resolved;
}

/* Close the innermost container: give it its spots and attach it to its parent. */
static int close_frame(State *st) {
    Frame *f = &st->frames[--st->depth];
    PyObject *container = f->container;
    f->container = NULL;
    Py_CLEAR(f->key);
    PyObject *raw = PyBytes_FromStringAndSize((const char *)f->spots, f->n * (Py_ssize_t)sizeof(uint64_t));
    f->n = 0;
    if (raw == NULL) {
        Py_DECREF(container);
        return -1;
    }
    PyObject *spots = PyObject_CallFunctionObjArgs(array_type, type_code, raw, NULL);
    Py_DECREF(raw);
    if (spots == NULL || PyObject_SetAttr(container, name_spots, spots) < 0) {
        Py_XDECREF(spots);
        Py_DECREF(container);
        return -1;
    }
    Py_DECREF(spots);
    int r = attach(st, container, f->at);
    Py_DECREF(container);
    return r;
}

static int open_frame(State *st, PyObject *type, int is_map, const yaml_mark_t *mark) {
    if (st->depth >= st->max_depth) return 0; /* the Python path reports the depth limit */
    if (st->depth > 0) {
        Frame *top = &st->frames[st->depth - 1];
        if (top->is_map && top->key == NULL) return 0; /* a mapping or list as a key */
    }
    PyObject *obj = new_container(type, mark, st->src);
    if (obj == NULL) return -1;
    Frame *f = &st->frames[st->depth++];
    f->container = obj;
    f->is_map = is_map;
    f->key = NULL;
    f->at = pack(mark);
    f->n = 0;
    return 1;
}

/* 1 = built st->root, 0 = not the common case (leave it to the Python path), -1 = Python error. */
static int run(State *st, const char *buf, Py_ssize_t size, Py_ssize_t max_nodes) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) return 0; /* out of memory: the Python path says so */
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, (size_t)size);
    int status = 1, documents = 0, done = 0;
    Py_ssize_t nodes = 0;
    yaml_event_t ev;
    while (!done && status == 1) {
        if (!yaml_parser_parse(&parser, &ev)) {
            status = 0;
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) status = 0;
            break;
        case YAML_SCALAR_EVENT: {
            if (ev.data.scalar.anchor != NULL || ev.data.scalar.tag != NULL || ++nodes > max_nodes) {
                status = 0;
                break;
            }
            PyObject *value = scalar_value(st, &ev);
            if (value == NULL) {
                /* An impossible date and the like: the Python path words the error. */
                status = PyErr_ExceptionMatches(PyExc_MemoryError) ? -1 : 0;
                if (status == 0) PyErr_Clear();
                break;
            }
            status = attach(st, value, pack(&ev.start_mark));
            Py_DECREF(value);
            break;
        }
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
            int is_map = ev.type == YAML_MAPPING_START_EVENT;
            const yaml_char_t *anchor = is_map ? ev.data.mapping_start.anchor : ev.data.sequence_start.anchor;
            const yaml_char_t *tag = is_map ? ev.data.mapping_start.tag : ev.data.sequence_start.tag;
            if (anchor != NULL || tag != NULL || ++nodes > max_nodes) {
                status = 0;
                break;
            }
            status = open_frame(st, is_map ? lmap_type : llist_type, is_map, &ev.start_mark);
            break;
        }
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            status = close_frame(st);
            break;
        case YAML_ALIAS_EVENT:
            status = 0;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return status;
}

static void clear(State *st) {
    for (Py_ssize_t i = 0; i < st->max_depth; i++) {
        Py_CLEAR(st->frames[i].container);
        Py_CLEAR(st->frames[i].key);
        PyMem_Free(st->frames[i].spots);
    }
    PyMem_Free(st->frames);
    Py_CLEAR(st->cache);
}

static PyObject *load(PyObject *self, PyObject *args) {
    const char *buf;
    Py_ssize_t size, max_depth, max_nodes;
    PyObject *src;
    if (!PyArg_ParseTuple(args, "y#Unn", &buf, &size, &src, &max_depth, &max_nodes)) return NULL;
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "configure() first");
        return NULL;
    }
    State st = {0};
    st.max_depth = max_depth > 0 ? max_depth : 1;
    st.src = src;
    st.frames = PyMem_Calloc((size_t)st.max_depth, sizeof(Frame));
    st.cache = PyDict_New();
    if (st.frames == NULL || st.cache == NULL) {
        clear(&st);
        return PyErr_NoMemory();
    }
    int status = run(&st, buf, size, max_nodes);
    clear(&st);
    if (status < 0) {
        Py_XDECREF(st.root);
        return NULL;
    }
    if (status == 0 || st.root == NULL || Py_TYPE(st.root) != (PyTypeObject *)lmap_type) {
        Py_XDECREF(st.root);
        Py_RETURN_NONE; /* empty, not a mapping, or not the common case */
    }
    return st.root;
}

static PyObject *configure(PyObject *self, PyObject *args) {
    PyObject *lmap, *llist, *array, *resolve, *chars;
    int empty;
    if (!PyArg_ParseTuple(args, "OOOOUp", &lmap, &llist, &array, &resolve, &chars, &empty)) return NULL;
    Py_INCREF(lmap);
    Py_INCREF(llist);
    Py_INCREF(array);
    Py_INCREF(resolve);
    Py_XSETREF(lmap_type, lmap); /* a second call (a reloaded loader module) replaces the first */
    Py_XSETREF(llist_type, llist);
    Py_XSETREF(array_type, array);
    Py_XSETREF(resolve_fn, resolve);
    memset(first_chars, 0, sizeof(first_chars));
    Py_ssize_t n = PyUnicode_GET_LENGTH(chars);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(chars, i);
        if (c < 128) first_chars[c] = 1;
    }
    empty_is_special = empty;
    if (!configured) {
        name_pos = PyUnicode_InternFromString("pos");
        name_src = PyUnicode_InternFromString("src");
        name_spots = PyUnicode_InternFromString("spots");
        type_code = PyUnicode_FromString("Q");
        merge_key = PyUnicode_FromString("<<");
        empty_tuple = PyTuple_New(0);
    }
    if (!name_pos || !name_src || !name_spots || !type_code || !merge_key || !empty_tuple) return NULL;
    configured = 1;
    Py_RETURN_NONE;
}

static PyObject *libyaml_version(PyObject *self, PyObject *unused) {
    return PyUnicode_FromString(yaml_get_version_string());
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS,
     "configure(LMap, LList, array, resolve, first_chars, empty_resolves) -> None"},
    {"libyaml_version", libyaml_version, METH_NOARGS, "libyaml_version() -> str (the libyaml built in)"},
    {"load", load, METH_VARARGS, "load(raw, src, max_depth, max_nodes) -> LMap | None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "digimandate_cload",
                                    "Located YAML loading in C (the fast path of digimandate).", -1, methods};

/* The interface digimandate.model.loader relies on (the functions above, what they take and build).
 * Raise it with every change of that interface: a digimandate that expects another number leaves this
 * module unused and loads in Python, so a C loader built for another release is never half understood. */
#define CLOAD_API 1

PyMODINIT_FUNC PyInit_digimandate_cload(void) {
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "API", CLOAD_API) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
