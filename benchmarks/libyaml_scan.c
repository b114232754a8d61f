/* Scan a YAML file with the LibYAML that the C loader carries (digimandate/model/_native/libyaml),
 * building nothing.
 *
 * The floor of any loader on that parser: benchmarks/run.py compiles it with the vendored sources
 * and times it beside digimandate.
 * Usage: libyaml_scan FILE.yaml
 */
#include <stdio.h>
#include <stdlib.h>

#include "yaml.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s file.yaml\n", argv[0]);
        return 2;
    }
    FILE *fh = fopen(argv[1], "rb");
    if (fh == NULL) {
        perror(argv[1]);
        return 2;
    }
    fseek(fh, 0, SEEK_END);
    long size = ftell(fh);
    fseek(fh, 0, SEEK_SET);
    unsigned char *text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, fh) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    fclose(fh);
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, text, (size_t)size);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "parser error after %ld events\n", events);
            return 1;
        }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    printf("%ld events\n", events);
    return 0;
}
