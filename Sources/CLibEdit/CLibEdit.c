// See include/CLibEdit.h: one thin wrapper per libedit operation Casebook uses.
#include "CLibEdit.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct cb_editor {
    EditLine *el;
    History *history;
    HistEvent event;
    char *prompt;
    void *context;
};

static char *prompt_of(EditLine *el) {
    cb_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return editor && editor->prompt ? editor->prompt : "";
}

cb_editor *cb_editor_open(const char *program) {
    cb_editor *editor = calloc(1, sizeof(cb_editor));
    if (!editor) return NULL;
    editor->el = el_init(program, stdin, stdout, stderr);
    if (!editor->el) {
        free(editor);
        return NULL;
    }
    editor->history = history_init();
    history(editor->history, &editor->event, H_SETSIZE, 5000);
    history(editor->history, &editor->event, H_SETUNIQUE, 1);
    el_set(editor->el, EL_CLIENTDATA, editor);
    el_set(editor->el, EL_EDITOR, "emacs");
    el_set(editor->el, EL_HIST, history, editor->history);
    el_set(editor->el, EL_PROMPT, prompt_of);
    el_set(editor->el, EL_SIGNAL, 1);
    el_set(editor->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    el_set(editor->el, EL_BIND, "^S", "em-inc-search-next", NULL);
    // The user's own bindings last, so they win.
    el_source(editor->el, NULL);
    return editor;
}

void cb_editor_close(cb_editor *editor) {
    if (!editor) return;
    el_end(editor->el);
    history_end(editor->history);
    free(editor->prompt);
    free(editor);
}

EditLine *cb_editor_el(cb_editor *editor) { return editor->el; }

void cb_editor_set_prompt(cb_editor *editor, const char *prompt) {
    free(editor->prompt);
    editor->prompt = strdup(prompt);
}

const char *cb_editor_gets(cb_editor *editor, int *count) { return el_gets(editor->el, count); }

void cb_editor_history_add(cb_editor *editor, const char *line) {
    history(editor->history, &editor->event, H_ENTER, line);
}

void cb_editor_history_set_size(cb_editor *editor, int size) {
    history(editor->history, &editor->event, H_SETSIZE, size);
}

void cb_editor_set_completer(cb_editor *editor, cb_complete_fn complete, void *context) {
    editor->context = context;
    el_set(editor->el, EL_ADDFN, "casebook-complete", "Complete the word before the cursor", complete);
    el_set(editor->el, EL_BIND, "^I", "casebook-complete", NULL);
}

void *cb_editor_context(EditLine *el) {
    cb_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return editor ? editor->context : NULL;
}

const char *cb_line_buffer(EditLine *el, int *length, int *cursor) {
    const LineInfo *info = el_line(el);
    *length = (int)(info->lastchar - info->buffer);
    *cursor = (int)(info->cursor - info->buffer);
    return info->buffer;
}

int cb_insert(EditLine *el, const char *text) { return el_insertstr(el, text); }

void cb_delete_before_cursor(EditLine *el, int count) { el_deletestr(el, count); }

void cb_print_below(EditLine *el, const char *text) {
    FILE *out = NULL;
    el_get(el, EL_GETFP, 1, &out);
    if (!out) out = stdout;
    fputs(text, out);
    fflush(out);
}

static volatile sig_atomic_t interrupted = 0;

static void on_interrupt(int signo) {
    (void)signo;
    interrupted = 1;
}

void cb_install_interrupt_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a pending read returns EINTR
    sigaction(SIGINT, &action, NULL);
}

int cb_interrupted(void) { return interrupted; }
void cb_clear_interrupt(void) { interrupted = 0; }

int cb_terminal_width(void) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 0;
}

void cb_editor_reset(cb_editor *editor) { el_reset(editor->el); }
