/* Scan a YAML file with the libyaml inside PyYAML's own extension module, building nothing.
 *
 * The floor of any loader on PyYAML's parser: benchmarks/run.py times it beside digimandate.
 * Usage: libyaml_scan PATH-OF-yaml/_yaml.so FILE.yaml
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include "../digimandate/_native/yaml.h"

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s _yaml.so file.yaml\n", argv[0]);
        return 2;
    }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "%s\n", dlerror());
        return 2;
    }
    int (*init)(yaml_parser_t *) = (int (*)(yaml_parser_t *))dlsym(lib, "yaml_parser_initialize");
    void (*input)(yaml_parser_t *, const unsigned char *, size_t) =
        (void (*)(yaml_parser_t *, const unsigned char *, size_t))dlsym(lib, "yaml_parser_set_input_string");
    int (*parse)(yaml_parser_t *, yaml_event_t *) = (int (*)(yaml_parser_t *, yaml_event_t *))dlsym(lib, "yaml_parser_parse");
    void (*release)(yaml_event_t *) = (void (*)(yaml_event_t *))dlsym(lib, "yaml_event_delete");
    if (!init || !input || !parse || !release) {
        fprintf(stderr, "libyaml functions not found in %s\n", argv[1]);
        return 2;
    }
    FILE *fh = fopen(argv[2], "rb");
    if (fh == NULL) {
        perror(argv[2]);
        return 2;
    }
    fseek(fh, 0, SEEK_END);
    long size = ftell(fh);
    fseek(fh, 0, SEEK_SET);
    unsigned char *text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, fh) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", argv[2]);
        return 2;
    }
    fclose(fh);
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    init(&parser);
    input(&parser, text, (size_t)size);
    for (;;) {
        if (!parse(&parser, &event)) {
            fprintf(stderr, "parser error after %ld events\n", events);
            return 1;
        }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        release(&event);
        if (done) break;
    }
    printf("%ld events\n", events);
    return 0;
}
