#ifndef RUNBOOK_CCMARKGFM_SHIM_H
#define RUNBOOK_CCMARKGFM_SHIM_H
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/// Parses GitHub-flavoured Markdown with the table, tasklist and strikethrough extensions attached.
/// Returns the document node (free with cmark_node_free) or NULL when the parser cannot be created.
static inline cmark_node *rb_parse_gfm(const char *buffer, size_t length) {
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FULL_INFO_STRING);
    if (parser == NULL) return NULL;
    static const char *names[] = {"table", "tasklist", "strikethrough", "autolink"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(names[i]);
        if (ext != NULL) cmark_parser_attach_syntax_extension(parser, ext);
    }
    cmark_parser_feed(parser, buffer, length);
    cmark_node *document = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return document;
}

/// True when the node's type string (core or extension type) equals `name`.
static inline int rb_node_type_is(cmark_node *node, const char *name) {
    const char *type = cmark_node_get_type_string(node);
    return type != NULL && strcmp(type, name) == 0;
}
#endif
