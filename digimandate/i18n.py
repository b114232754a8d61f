"""Dutch and English texts for everything a user reads outside the checklists."""

from __future__ import annotations

import os
from typing import Any, Literal

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

# One entry per text: both languages side by side, so a missing translation shows in review.
CATALOG: dict[str, dict[str, str]] = {
    "error": {"en": "error", "nl": "fout"},
    "version_loader_c": {"en": "YAML loader: C, with LibYAML {version} built in", "nl": "YAML-lader: C, met ingebouwde LibYAML {version}"},
    "version_loader_python": {"en": "YAML loader: Python", "nl": "YAML-lader: Python"},
    "hint": {"en": "hint", "nl": "tip"},
    # loading
    "file_missing": {"en": "file not found", "nl": "bestand niet gevonden"},
    "file_unreadable": {"en": "file cannot be read: {reason}", "nl": "bestand kan niet worden gelezen: {reason}"},
    "is_directory": {"en": "is a folder, not a file", "nl": "is een map, geen bestand"},
    "too_large": {
        "en": "file is {size} bytes, more than the limit of {limit} bytes",
        "nl": "bestand is {size} bytes, meer dan de grens van {limit} bytes",
    },
    "too_large_hint": {
        "en": "split the organisation over several files or raise the limit with --max-bytes",
        "nl": "verdeel de organisatie over meer bestanden of verhoog de grens met --max-bytes",
    },
    "bad_utf8": {
        "en": "the file is not valid UTF-8 (byte 0x{byte} cannot be decoded)",
        "nl": "het bestand is geen geldige UTF-8 (byte 0x{byte} is niet te lezen)",
    },
    "bad_utf8_hint": {
        "en": "save the file as UTF-8 in your editor",
        "nl": "sla het bestand op als UTF-8 in je editor",
    },
    "empty_file": {"en": "the file is empty", "nl": "het bestand is leeg"},
    "empty_file_hint": {
        "en": "start from `digimandate init` for a commented example",
        "nl": "begin met `digimandate init` voor een voorbeeld met uitleg",
    },
    "root_not_mapping_hint": {
        "en": "an organisation file starts with `schema_version: 1` and `organisation:`",
        "nl": "een organisatiebestand begint met `schema_version: 1` en `organisation:`",
    },
    "file_missing_hint": {
        "en": "check the path, or write a starter file with `digimandate init`",
        "nl": "controleer het pad, of schrijf een startbestand met `digimandate init`",
    },
    "is_directory_hint": {"en": "name a YAML file in the folder", "nl": "noem een YAML-bestand in de map"},
    "file_unreadable_hint": {"en": "check the file's permissions", "nl": "controleer de rechten op het bestand"},
    "root_not_mapping": {
        "en": "expected a mapping (key: value) at the top, found {found}",
        "nl": "verwacht een mapping (sleutel: waarde) bovenaan, gevonden: {found}",
    },
    "multiple_documents": {
        "en": "the file holds more than one YAML document",
        "nl": "het bestand bevat meer dan één YAML-document",
    },
    "multiple_documents_hint": {
        "en": "remove the `---` separator: one file describes one organisation",
        "nl": "haal het scheidingsteken `---` weg: één bestand beschrijft één organisatie",
    },
    "yaml_syntax": {"en": "YAML syntax error: {problem}", "nl": "YAML-syntaxfout: {problem}"},
    "yaml_syntax_hint": {
        "en": "check the indentation and the quotes around this line",
        "nl": "controleer de inspringing en de aanhalingstekens rond deze regel",
    },
    "tab_hint": {
        "en": "YAML does not allow tabs for indentation; use spaces",
        "nl": "YAML staat geen tabs toe voor inspringing; gebruik spaties",
    },
    "unknown_tag": {"en": "tag {tag} is not allowed", "nl": "tag {tag} is niet toegestaan"},
    "unknown_tag_hint": {
        "en": "remove the tag: only plain YAML values are read, never objects",
        "nl": "haal de tag weg: alleen gewone YAML-waarden worden gelezen, nooit objecten",
    },
    "bad_tagged_value": {
        "en": "value {value} does not fit tag {tag}",
        "nl": "waarde {value} past niet bij tag {tag}",
    },
    "impossible_date": {"en": "{value} is not a valid date", "nl": "{value} is geen geldige datum"},
    "date_hint": {
        "en": "write dates as YYYY-MM-DD, for example 2026-11-01",
        "nl": "schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2026-11-01",
    },
    "too_many_nodes": {
        "en": "the document expands to more than {limit} values (aliases included)",
        "nl": "het document groeit uit tot meer dan {limit} waarden (aliassen meegeteld)",
    },
    "too_many_nodes_hint": {
        "en": "aliases (*name) that repeat large parts are limited; write the parts out or use fewer aliases",
        "nl": "aliassen (*naam) die grote delen herhalen zijn begrensd; schrijf ze uit of gebruik minder aliassen",
    },
    "too_deep": {
        "en": "values are nested deeper than {limit} levels",
        "nl": "waarden zijn dieper genest dan {limit} niveaus",
    },
    "too_deep_hint": {
        "en": "the organisation model is never this deep; check the indentation",
        "nl": "het organisatiemodel is nooit zo diep; controleer de inspringing",
    },
    "undefined_alias": {"en": "alias *{name} is not defined", "nl": "alias *{name} is niet gedefinieerd"},
    "undefined_alias_hint": {
        "en": "define the anchor &{name} before using it (and not inside itself)",
        "nl": "definieer het anker &{name} voordat je het gebruikt (en niet binnen zichzelf)",
    },
    "key_not_text": {"en": "key {key} is not text", "nl": "sleutel {key} is geen tekst"},
    "key_not_text_hint": {
        "en": "keys are names such as `owner`; put quotes around them if needed",
        "nl": "sleutels zijn namen zoals `owner`; zet er zo nodig aanhalingstekens omheen",
    },
    "duplicate_key": {
        "en": "key `{key}` appears twice in this mapping (first at line {line})",
        "nl": "sleutel `{key}` staat twee keer in deze mapping (eerst op regel {line})",
    },
    "duplicate_key_hint": {
        "en": "keep one of them; YAML would silently drop the first",
        "nl": "houd er één over; YAML zou de eerste stilzwijgend laten vallen",
    },
    "merge_key": {"en": "merge keys (<<) are not supported", "nl": "merge-sleutels (<<) worden niet ondersteund"},
    "merge_key_hint": {
        "en": "write the keys out in full",
        "nl": "schrijf de sleutels voluit",
    },
    # validation
    "schema_version_missing": {
        "en": "`schema_version` is missing",
        "nl": "`schema_version` ontbreekt",
    },
    "schema_version_hint": {
        "en": "add `schema_version: 1` at the top of the file",
        "nl": "zet `schema_version: 1` bovenaan het bestand",
    },
    "schema_version_unsupported": {
        "en": "schema_version {found} is not supported; this digimandate reads version 1",
        "nl": "schema_version {found} wordt niet ondersteund; deze digimandate leest versie 1",
    },
    "schema_version_unsupported_hint": {
        "en": "write `schema_version: 1`, or upgrade digimandate for a newer model",
        "nl": "schrijf `schema_version: 1`, of werk digimandate bij voor een nieuwer model",
    },
    "unknown_key": {"en": "unknown key `{key}`", "nl": "onbekende sleutel `{key}`"},
    "did_you_mean": {"en": "did you mean `{suggestion}`?", "nl": "bedoelde je `{suggestion}`?"},
    "allowed_keys": {"en": "allowed keys here: {allowed}", "nl": "toegestane sleutels hier: {allowed}"},
    "missing_key": {"en": "required key `{key}` is missing", "nl": "verplichte sleutel `{key}` ontbreekt"},
    "missing_key_hint": {
        "en": "add `{key}:` to this entry",
        "nl": "voeg `{key}:` toe aan dit onderdeel",
    },
    "bad_enum": {
        "en": "expected one of {allowed}, found {found}",
        "nl": "verwacht een van {allowed}, gevonden: {found}",
    },
    "did_you_mean_or_allowed": {
        "en": "did you mean `{suggestion}`? allowed: {allowed}",
        "nl": "bedoelde je `{suggestion}`? toegestaan: {allowed}",
    },
    "allowed_values": {"en": "allowed: {allowed}", "nl": "toegestaan: {allowed}"},
    "bad_id": {
        "en": "id {found} is not valid",
        "nl": "id {found} is niet geldig",
    },
    "bad_id_hint": {
        "en": "ids use lower-case letters, digits, - and _, and start with a letter or digit (e.g. {suggestion})",
        "nl": "ids bestaan uit kleine letters, cijfers, - en _, en beginnen met een letter of cijfer (bijv. {suggestion})",
    },
    "bad_pattern": {
        "en": "{found} does not match the pattern {pattern}",
        "nl": "{found} past niet bij het patroon {pattern}",
    },
    "expected_type": {"en": "expected {expected}, found {found}", "nl": "verwacht {expected}, gevonden: {found}"},
    "expected_type_hint": {
        "en": "write a value of the expected kind, e.g. {example}",
        "nl": "schrijf een waarde van de verwachte soort, bijv. {example}",
    },
    "out_of_range": {"en": "{found} is out of range: {constraint}", "nl": "{found} valt buiten het bereik: {constraint}"},
    "out_of_range_hint": {
        "en": "job survey scores run from 1 to 7; counts and FTE are never negative",
        "nl": "scores van de job survey lopen van 1 tot 7; aantallen en fte zijn nooit negatief",
    },
    "bad_pattern_hint": {"en": "change the value to fit the pattern", "nl": "pas de waarde aan zodat die bij het patroon past"},
    "invalid_value_hint": {
        "en": "see `digimandate schema` for what this key accepts",
        "nl": "zie `digimandate schema` voor wat deze sleutel accepteert",
    },
    "bad_tagged_value_hint": {
        "en": "remove the tag and let the value speak for itself",
        "nl": "haal de tag weg en laat de waarde voor zichzelf spreken",
    },
    "invalid_value": {"en": "invalid value {found}: {reason}", "nl": "ongeldige waarde {found}: {reason}"},
    "duplicate_id": {
        "en": "duplicate id `{id}` in {section} (first at line {line})",
        "nl": "dubbel id `{id}` in {section} (eerst op regel {line})",
    },
    "duplicate_id_hint": {
        "en": "every entry in {section} needs its own id",
        "nl": "elk onderdeel in {section} heeft een eigen id nodig",
    },
    "dangling_ref": {
        "en": "unknown {kind} `{ref}`",
        "nl": "onbekende {kind} `{ref}`",
    },
    "dangling_ref_hint": {"en": "known {section}: {known}", "nl": "bekende {section}: {known}"},
    "dangling_ref_hint_mean": {
        "en": "did you mean `{suggestion}`? known {section}: {known}",
        "nl": "bedoelde je `{suggestion}`? bekende {section}: {known}",
    },
    "dangling_ref_hint_none": {
        "en": "there are no {section} in this file yet; add one with id `{ref}`",
        "nl": "er zijn nog geen {section} in dit bestand; voeg er een toe met id `{ref}`",
    },
    "digital_above_total": {
        "en": "volume.digital ({digital}) is larger than volume.total ({total})",
        "nl": "volume.digital ({digital}) is groter dan volume.total ({total})",
    },
    "digital_above_total_hint": {
        "en": "the digital requests are a part of all requests",
        "nl": "de digitale aanvragen zijn een deel van alle aanvragen",
    },
    "departments_without_scope": {
        "en": "`departments` is only used with `scope: departments`",
        "nl": "`departments` wordt alleen gebruikt bij `scope: departments`",
    },
    "departments_without_scope_hint": {
        "en": "set `scope: departments`, or remove the list for an organisation-wide mandate",
        "nl": "zet `scope: departments`, of haal de lijst weg bij een organisatiebreed mandaat",
    },
    "kind_person": {"en": "person", "nl": "persoon"},
    "kind_department": {"en": "department", "nl": "afdeling"},
    "kind_channel": {"en": "channel", "nl": "kanaal"},
    "kind_system": {"en": "system", "nl": "systeem"},
    "kind_department_or_manager": {"en": "department (or `manager`)", "nl": "afdeling (of `manager`)"},
    "type_text": {"en": "text", "nl": "tekst"},
    "type_integer": {"en": "a whole number", "nl": "een geheel getal"},
    "type_number": {"en": "a number", "nl": "een getal"},
    "type_boolean": {"en": "true or false", "nl": "true of false"},
    "type_date": {"en": "a date (YYYY-MM-DD)", "nl": "een datum (JJJJ-MM-DD)"},
    "type_list": {"en": "a list", "nl": "een lijst"},
    "type_mapping": {"en": "a mapping (key: value)", "nl": "een mapping (sleutel: waarde)"},
    "type_nothing": {"en": "nothing", "nl": "niets"},
}


def t(msg: str, lang: Lang, **args: Any) -> str:
    """Return the text for ``msg`` in ``lang`` with ``args`` filled in."""
    entry = CATALOG[msg]
    text = entry[lang]
    return text.format(**args) if args else text


def default_lang() -> Lang:
    """Pick the language for messages: DIGIMANDATE_LANG, then LANG/LC_ALL, else English."""
    for var in ("DIGIMANDATE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"

CATALOG.update({
    "checklist_duplicate_rule": {
        "en": "rule {id} is already defined by checklist `{origin}`",
        "nl": "regel {id} is al gedefinieerd door checklist `{origin}`",
    },
    "checklist_duplicate_rule_hint": {
        "en": "choose a new id, or change the existing rule under `overrides:`",
        "nl": "kies een nieuw id, of wijzig de bestaande regel onder `overrides:`",
    },
    "checklist_unknown_dimension": {"en": "unknown dimension `{dimension}`", "nl": "onbekende dimensie `{dimension}`"},
    "checklist_unknown_dimension_hint": {
        "en": "known dimensions: {known}; or define it under `dimensions:`",
        "nl": "bekende dimensies: {known}; of definieer hem onder `dimensions:`",
    },
    "checklist_unknown_source": {"en": "unknown source `{ref}`", "nl": "onbekende bron `{ref}`"},
    "checklist_unknown_source_hint": {
        "en": "known sources: {known}; or define it under `sources:`",
        "nl": "bekende bronnen: {known}; of definieer hem onder `sources:`",
    },
    "checklist_unknown_check": {
        "en": "there is no Python check named {check}",
        "nl": "er is geen Python-controle met de naam {check}",
    },
    "checklist_unknown_check_hint": {
        "en": "write the condition as a query (`each`, `where`, `cases`) instead",
        "nl": "schrijf de voorwaarde in plaats daarvan als query (`each`, `where`, `cases`)",
    },
    "checklist_unknown_message": {
        "en": "case refers to message `{message}`, which the rule does not define",
        "nl": "case verwijst naar bericht `{message}`, dat de regel niet definieert",
    },
    "checklist_unknown_message_hint": {
        "en": "messages of this rule: {known}",
        "nl": "berichten van deze regel: {known}",
    },
    "checklist_unknown_rule": {"en": "there is no rule {id} to change", "nl": "er is geen regel {id} om te wijzigen"},
    "checklist_unknown_param": {
        "en": "rule {id} has no parameter `{param}`",
        "nl": "regel {id} heeft geen parameter `{param}`",
    },
    "checklist_known_params": {"en": "parameters of {id}: {known}", "nl": "parameters van {id}: {known}"},
    "checklist_param_type": {
        "en": "parameter `{param}` of rule {id} takes {expected}, found {found}",
        "nl": "parameter `{param}` van regel {id} verwacht {expected}, gevonden: {found}",
    },
    "query_syntax": {"en": "the query does not parse: {problem}", "nl": "de query is niet te lezen: {problem}"},
    "query_syntax_hint": {
        "en": "queries are JMESPath over the organisation, e.g. owner == null",
        "nl": "query's zijn JMESPath over de organisatie, bijv. owner == null",
    },
    "query_unknown_param": {
        "en": "the query uses ${param}, which rule {id} does not define",
        "nl": "de query gebruikt ${param}, dat regel {id} niet definieert",
    },
    "query_unknown_param_hint": {
        "en": "define it under `params:`, or use $audit_date",
        "nl": "definieer hem onder `params:`, of gebruik $audit_date",
    },
    "jmespath_version": {
        "en": "jmespath {found} is installed ({path}), but digimandate compiles its queries for jmespath {major}.x",
        "nl": "jmespath {found} is geïnstalleerd ({path}), maar digimandate compileert zijn query's voor jmespath {major}.x",
    },
    "jmespath_version_hint": {
        "en": "install a {major}.x release of jmespath, as digimandate's installation asks: pip install 'jmespath>={major}.0,<{next}'",
        "nl": "installeer een {major}.x-versie van jmespath, zoals de installatie van digimandate vraagt: pip install 'jmespath>={major}.0,<{next}'",
    },
})

CATALOG.update({
    "level_1": {"en": "Ad hoc", "nl": "Ad hoc"},
    "level_2": {"en": "Assigned", "nl": "Belegd"},
    "level_3": {"en": "Mandated", "nl": "Gemandateerd"},
    "level_4": {"en": "Managed", "nl": "Gestuurd"},
    "level_5": {"en": "Learning", "nl": "Lerend"},
    "level_1_desc": {"en": "the floor, where everyone starts", "nl": "de basis, waar iedereen begint"},
    "level_2_desc": {
        "en": "someone is responsible: a sponsor, a mandate with holders, owners for channels and processes",
        "nl": "iemand is verantwoordelijk: een sponsor, een mandaat met houders, eigenaren van kanalen en processen",
    },
    "level_3_desc": {
        "en": "the mandate is real: granted by leadership, announced, with powers; requests land where they are "
              "handled",
        "nl": "het mandaat is echt: verleend door de leiding, bekendgemaakt, met bevoegdheden; aanvragen landen waar "
              "ze worden afgehandeld",
    },
    "level_4_desc": {
        "en": "results are measured and reported; channels work together",
        "nl": "resultaten worden gemeten en gerapporteerd; kanalen werken samen",
    },
    "level_5_desc": {
        "en": "improving on evidence: user tests, redesign with users, targets that fit each product",
        "nl": "verbeteren op bewijs: gebruikerstests, herontwerp met gebruikers, doelen die per product passen",
    },
    "sev_critical": {"en": "critical", "nl": "kritiek"},
    "sev_high": {"en": "high", "nl": "hoog"},
    "sev_medium": {"en": "medium", "nl": "middel"},
    "sev_low": {"en": "low", "nl": "laag"},
    "sev_info": {"en": "info", "nl": "info"},
    "term_level": {"en": "level", "nl": "niveau"},
    "term_score": {"en": "score", "nl": "score"},
    "term_no_findings": {"en": "no findings", "nl": "geen bevindingen"},
    "term_maturity": {
        "en": "{org}: maturity level {level} ({name}), score {score}",
        "nl": "{org}: volwassenheidsniveau {level} ({name}), score {score}",
    },
    "term_next": {"en": "to reach level {level}: {rules}", "nl": "naar niveau {level}: {rules}"},
    "term_top": {"en": "top level reached", "nl": "hoogste niveau bereikt"},
    "term_findings_total": {"en": "{count} findings", "nl": "{count} bevindingen"},
    "term_one_finding": {"en": "1 finding", "nl": "1 bevinding"},
    "term_not_applicable": {"en": "not applicable: {rules}", "nl": "niet van toepassing: {rules}"},
    "term_disabled": {"en": "switched off: {rules}", "nl": "uitgeschakeld: {rules}"},
    "term_rule_error": {
        "en": "internal error in rule {rule}: {error}",
        "nl": "interne fout in regel {rule}: {error}",
    },
    "term_na_score": {"en": "n/a", "nl": "n.v.t."},
    "internal_error": {
        "en": "internal error: {error}",
        "nl": "interne fout: {error}",
    },
    "please_report": {
        "en": "this is a bug in digimandate; please report it with the command you ran and the file",
        "nl": "dit is een fout in digimandate; meld die graag met het commando en het bestand",
    },
    "valid": {"en": "{file}: valid ({summary})", "nl": "{file}: geldig ({summary})"},
    "valid_summary": {
        "en": "{departments} departments, {people} people, {mandates} mandates, {channels} channels, "
              "{systems} systems, {processes} processes",
        "nl": "{departments} afdelingen, {people} personen, {mandates} mandaten, {channels} kanalen, "
              "{systems} systemen, {processes} processen",
    },
    "unknown_rule": {"en": "there is no rule `{id}`", "nl": "er is geen regel `{id}`"},
    "unknown_rule_hint": {"en": "did you mean `{suggestion}`?", "nl": "bedoelde je `{suggestion}`?"},
    "exists": {
        "en": "{file} already exists; it is left untouched",
        "nl": "{file} bestaat al; het blijft ongemoeid",
    },
    "written": {"en": "wrote {file}", "nl": "{file} geschreven"},
    "cannot_write": {"en": "cannot write {file}: {reason}", "nl": "kan {file} niet schrijven: {reason}"},
})

CATALOG.update({
    "doc_dimension": {"en": "dimension", "nl": "dimensie"},
    "doc_severity": {"en": "severity", "nl": "ernst"},
    "doc_level": {"en": "level", "nl": "niveau"},
    "doc_why": {"en": "Why", "nl": "Waarom"},
    "doc_advice": {"en": "What to do", "nl": "Wat te doen"},
    "doc_params": {"en": "Parameters", "nl": "Parameters"},
    "doc_sources": {"en": "Sources", "nl": "Bronnen"},
    "doc_condition": {"en": "Condition", "nl": "Voorwaarde"},
    "doc_python": {"en": "a Python check ({name})", "nl": "een Python-controle ({name})"},
    "doc_example": {"en": "Example that fails", "nl": "Voorbeeld dat faalt"},
    "doc_example_patch": {
        "en": "starting from an organisation that passes every rule, change:",
        "nl": "uitgaande van een organisatie die aan elke regel voldoet, wijzig:",
    },
    "doc_gives": {"en": "gives", "nl": "geeft"},
    "doc_messages": {"en": "Messages", "nl": "Meldingen"},
    "doc_disabled": {"en": "switched off", "nl": "uitgeschakeld"},
    "doc_changed_by": {"en": "changed by {who}", "nl": "gewijzigd door {who}"},
    "doc_rules_count": {"en": "{count} rules", "nl": "{count} regels"},
})

CATALOG.update({
    "toml_hint": {"en": "check the TOML syntax of pyproject.toml", "nl": "controleer de TOML-syntaxis van pyproject.toml"},
    "selector_unknown": {
        "en": "`{selector}` matches no rule",
        "nl": "`{selector}` past bij geen enkele regel",
    },
    "selector_hint": {
        "en": "use a rule id (M007) or a prefix of one (M, M00); did you mean `{suggestion}`?",
        "nl": "gebruik een regel-id (M007) of het begin ervan (M, M00); bedoelde je `{suggestion}`?",
    },
    "selector_hint_plain": {
        "en": "use a rule id (M007) or a prefix of one (M, M00); see `digimandate rules`",
        "nl": "gebruik een regel-id (M007) of het begin ervan (M, M00); zie `digimandate rules`",
    },
    "config_unknown_rule": {"en": "there is no rule {id}", "nl": "er is geen regel {id}"},
    "config_unknown_rule_hint": {
        "en": "did you mean `{suggestion}`? see `digimandate rules`",
        "nl": "bedoelde je `{suggestion}`? zie `digimandate rules`",
    },
    "config_unknown_rule_hint_plain": {"en": "see `digimandate rules` for the rule ids", "nl": "zie `digimandate rules` voor de regel-ids"},
    "checklist_param_type_hint": {
        "en": "the default of `{param}` is {default}",
        "nl": "de standaardwaarde van `{param}` is {default}",
    },
})

CATALOG.update({
    "baseline_invalid": {"en": "not a digimandate baseline: {problem}", "nl": "geen digimandate-baseline: {problem}"},
    "baseline_hint": {
        "en": "write one with `digimandate baseline FILE -o BASELINE`",
        "nl": "schrijf er een met `digimandate baseline BESTAND -o BASELINE`",
    },
})

CATALOG.update({
    "junit_not_applicable": {"en": "not applicable: nothing to look at", "nl": "niet van toepassing: niets om naar te kijken"},
    "junit_waived": {"en": "{count} finding(s) waived", "nl": "{count} bevinding(en) met uitzondering"},
})

CATALOG.update({
    "term_waiver_findings": {"en": "Waivers (configuration)", "nl": "Uitzonderingen (configuratie)"},
    "term_waived": {"en": "Waived, not counted ({count})", "nl": "Met uitzondering, telt niet mee ({count})"},
    "term_waiver_terms": {
        "en": "{reason}, owner {owner}, until {expires}: {justification}",
        "nl": "{reason}, eigenaar {owner}, tot {expires}: {justification}",
    },
    "term_baseline": {
        "en": "{count} findings are in the baseline and not counted",
        "nl": "{count} bevindingen staan in de baseline en tellen niet mee",
    },
    "term_baseline_fixed": {
        "en": "fixed since the baseline: {rule} {entity} (remove it from the baseline)",
        "nl": "opgelost sinds de baseline: {rule} {entity} (haal hem uit de baseline)",
    },
})

CATALOG.update({
    "bad_format": {"en": "unknown format `{value}`; use one of {allowed}", "nl": "onbekend formaat `{value}`; gebruik een van {allowed}"},
    "bad_format_path": {"en": "`{value}` names no file after `=`", "nl": "`{value}` noemt geen bestand na `=`"},
    "two_stdout": {
        "en": "only one --format can go to standard output; give the others a file (sarif=out.sarif)",
        "nl": "maar één --format kan naar standaarduitvoer; geef de andere een bestand (sarif=out.sarif)",
    },
})

CATALOG.update({
    "baseline_written": {"en": "wrote {file} with {count} findings", "nl": "{file} geschreven met {count} bevindingen"},
})

CATALOG.update({
    "doc_meta_intro": {
        "en": "These rules judge the waivers in the configuration; they count for the exit code, never for the maturity level.",
        "nl": "Deze regels beoordelen de uitzonderingen in de configuratie; ze tellen mee voor de exitcode, nooit voor het volwassenheidsniveau.",
    },
})

CATALOG.update({
    "previous_invalid": {"en": "not a digimandate JSON result: {problem}", "nl": "geen digimandate-resultaat in JSON: {problem}"},
    "previous_hint": {
        "en": "pass the output of `digimandate check FILE --format json` from the earlier audit",
        "nl": "geef de uitvoer van `digimandate check BESTAND --format json` van de eerdere audit",
    },
})

CATALOG.update({
    "no_owner_group": {"en": "no owner recorded", "nl": "geen eigenaar vastgelegd"},
    "more_products": {"en": "and {count} more products", "nl": "en nog {count} producten"},
    "co_owner": {"en": "co-owner", "nl": "mede-eigenaar"},
    "no_holder": {"en": "no holder", "nl": "geen houder"},
})

CATALOG.update({
    "template_error": {"en": "template {template}: {problem}", "nl": "sjabloon {template}: {problem}"},
})

CATALOG.update({
    "no_files": {"en": "no organisation files found in {paths}", "nl": "geen organisatiebestanden gevonden in {paths}"},
    "sum_title": {"en": "{count} organisations", "nl": "{count} organisaties"},
    "sum_organisation": {"en": "organisation", "nl": "organisatie"},
    "sum_file": {"en": "file", "nl": "bestand"},
})

# Command-line help: the English text is written in cli.py, its Dutch translation here.
HELP_NL: dict[str, str] = {
    "Audit whether digital service delivery has a cross-departmental mandate (Optimaal Digitaal tip 16).":
        "Toets of digitale dienstverlening een afdelingsoverstijgend mandaat heeft (Optimaal Digitaal tip 16).",
    "Language: nl or en.": "Taal: nl of en.",
    "An extra checklist (repeatable).": "Een extra checklist (herhaalbaar).",
    "Organisation files.": "Organisatiebestanden.",
    "Use this configuration file.": "Gebruik dit configuratiebestand.",
    "Ignore configuration files.": "Negeer configuratiebestanden.",
    "Refuse files larger than this.": "Weiger bestanden groter dan dit.",
    "Audit organisation files and show the findings and maturity levels.":
        "Toets organisatiebestanden en toon de bevindingen en volwassenheidsniveaus.",
    "terminal, json, sarif, junit or github; FORMAT=FILE writes a file (repeatable).":
        "terminal, json, sarif, junit of github; FORMAAT=BESTAND schrijft een bestand (herhaalbaar).",
    "Exit 1 when a finding is at or above this severity (default: high).":
        "Exitcode 1 bij een bevinding van deze ernst of hoger (standaard: high).",
    "Only these rules or prefixes (M, M00, M007).": "Alleen deze regels of voorvoegsels (M, M00, M007).",
    "Add rules or prefixes.": "Voeg regels of voorvoegsels toe.",
    "Skip rules or prefixes.": "Sla regels of voorvoegsels over.",
    "A file of extra waivers.": "Een bestand met extra uitzonderingen.",
    "Show everything as if no waiver existed.": "Toon alles alsof er geen uitzondering bestaat.",
    "Fail only on findings not in this baseline.": "Faal alleen op bevindingen die niet in deze baseline staan.",
    "Exit 0 even when findings are at or above --fail-on.": "Exitcode 0, ook bij bevindingen op of boven --fail-on.",
    "Overwrite existing output files.": "Overschrijf bestaande uitvoerbestanden.",
    "Record today's findings, so that check --baseline fails only on new ones.":
        "Leg de bevindingen van vandaag vast, zodat check --baseline alleen op nieuwe faalt.",
    "Where to write the baseline (- for standard output).": "Waar de baseline komt (- voor standaarduitvoer).",
    "Overwrite an existing baseline.": "Overschrijf een bestaande baseline.",
    "The JSON result of an earlier audit, to show progress.":
        "Het JSON-resultaat van een eerdere audit, om voortgang te tonen.",
    "Overwrite an existing file.": "Overschrijf een bestaand bestand.",
    "Write the advice report (adviesrapport) as Markdown, HTML or Word.":
        "Schrijf het adviesrapport als Markdown, HTML of Word.",
    "md, html (one self-contained file) or docx (Word).": "md, html (een zelfstandig bestand) of docx (Word).",
    "A Word file whose styles, header and footer to use.":
        "Een Word-bestand waarvan de stijlen, kop- en voettekst worden gebruikt.",
    "Who decides: directie (DT-notitie) or college (collegevoorstel).":
        "Wie besluit: directie (DT-notitie) of college (collegevoorstel).",
    "The organisation file.": "Het organisatiebestand.",
    "A folder with report.md.j2 to use instead.": "Een map met een eigen report.md.j2.",
    "Write the memo for the management team or the executive, as Markdown, HTML or Word.":
        "Schrijf de notitie voor de directie of het college, als Markdown, HTML of Word.",
    "Who the memo is for.": "Voor wie de notitie is.",
    "Who writes the memo.": "Wie de notitie schrijft.",
    "A folder with memo.md.j2 to use instead.": "Een map met een eigen memo.md.j2.",
    "Check that an organisation file is valid, without running the rules.":
        "Controleer of een organisatiebestand geldig is, zonder de regels te draaien.",
    "List the rules of the built-in checklist and any extra ones.":
        "Toon de regels van de ingebouwde checklist en eventuele extra checklists.",
    "Output format.": "Uitvoerformaat.",
    "Explain one rule: its texts, parameters, sources and an example that fails.":
        "Leg een regel uit: teksten, parameters, bronnen en een voorbeeld dat faalt.",
    "A rule id (M007) or name (mandate.no-approval-per-change).":
        "Een regel-id (M007) of naam (mandate.no-approval-per-change).",
    "Print the JSON Schema of the organisation model.": "Toon het JSON Schema van het organisatiemodel.",
    "Write a commented starter organisation file; never overwrites.":
        "Schrijf een startbestand met uitleg; overschrijft nooit.",
    "Where to write the starter file.": "Waar het startbestand komt.",
    "Show the version.": "Toon de versie.",
}

CATALOG.update({
    "exists_hint": {"en": "add --force to replace it, or choose another name", "nl": "voeg --force toe om het te vervangen, of kies een andere naam"},
    "cannot_write_hint": {"en": "check that the folder exists and that you may write there", "nl": "controleer of de map bestaat en of je daar mag schrijven"},
    "bad_format_path_hint": {"en": "write FORMAT=FILE, for example sarif=digimandate.sarif", "nl": "schrijf FORMAAT=BESTAND, bijvoorbeeld sarif=digimandate.sarif"},
    "no_files_hint": {
        "en": "name organisation files, or a folder with YAML files that start with `schema_version:`",
        "nl": "noem organisatiebestanden, of een map met YAML-bestanden die beginnen met `schema_version:`",
    },
    "template_error_hint": {
        "en": "fix the template; a `{{{{ name }}}}` must be one of the names the document passes in",
        "nl": "herstel het sjabloon; een `{{{{ naam }}}}` moet een van de namen zijn die het document meegeeft",
    },
    "unknown_rule_hint_plain": {"en": "see `digimandate rules` for every rule", "nl": "zie `digimandate rules` voor alle regels"},
})

CATALOG.update({
    "include_hint": {
        "en": "list files below this file's folder, for example include: [processes/*.yaml]",
        "nl": "noem bestanden onder de map van dit bestand, bijvoorbeeld include: [processes/*.yaml]",
    },
    "include_not_text": {"en": "expected a file name or pattern, found {found}", "nl": "verwacht een bestandsnaam of patroon, gevonden: {found}"},
    "include_outside": {
        "en": "`{pattern}` points outside the folder of this file",
        "nl": "`{pattern}` wijst buiten de map van dit bestand",
    },
    "include_no_match": {"en": "`{pattern}` matches no file", "nl": "`{pattern}` past bij geen enkel bestand"},
    "include_too_many": {
        "en": "the includes name {count} files, more than {limit}",
        "nl": "de includes noemen {count} bestanden, meer dan {limit}",
    },
    "include_unknown_key": {
        "en": "an included file holds entity lists only; `{key}` is not one",
        "nl": "een ingesloten bestand bevat alleen lijsten van onderdelen; `{key}` is er geen",
    },
    "include_sections": {"en": "allowed here: {allowed}", "nl": "toegestaan hier: {allowed}"},
})

# Terminal view and Dutch help (issue 14 part B: injection, snippets, terminal).
CATALOG.update({
    "term_org_header": {"en": "Organisation: {org} ({file})", "nl": "Organisatie: {org} ({file})"},
    # typer's and click's own help texts (digimandate/cli/help.py)
    "help_usage": {"en": "Usage:", "nl": "Gebruik:"},
    "help_arguments": {"en": "Arguments", "nl": "Argumenten"},
    "help_options": {"en": "Options", "nl": "Opties"},
    "help_commands": {"en": "Commands", "nl": "Opdrachten"},
    "help_error": {"en": "Error", "nl": "Fout"},
    "help_required": {"en": "[required]", "nl": "[verplicht]"},
    "help_default": {"en": "[default: {value}]", "nl": "[standaard: {value}]"},
    "help_aborted": {"en": "Aborted.", "nl": "Afgebroken."},
    "help_try": {"en": "Try [blue]'{command_path} {help_option}'[/] for help.",
                 "nl": "Zie [blue]'{command_path} {help_option}'[/] voor hulp."},
    "help_help": {"en": "Show this message and exit.", "nl": "Toon deze hulp en stop."},
    "help_options_metavar": {"en": "[OPTIONS]", "nl": "[OPTIES]"},
    "help_command_metavar": {"en": "COMMAND [ARGS]...", "nl": "OPDRACHT [ARGUMENTEN]..."},
})

# Metavars: what to type in place of an option's value, never a Python type.
HELP_NL.update({
    "FILE": "BESTAND",
    "FORMAT": "FORMAAT",
    "SEVERITY": "ERNST",
    "RULES": "REGELS",
    "FOLDER": "MAP",
    "BYTES": "BYTES",
    "TEXT": "TEKST",
    "RULE": "REGEL",
})

# Importers (`digimandate import`, `digimandate template`): messages, report and spreadsheet texts.
CATALOG.update({
    "imp_not_utf8": {"en": "the file is not UTF-8 or cp1252 text (byte 0x{byte})", "nl": "het bestand is geen UTF-8- of cp1252-tekst (byte 0x{byte})"},
    "imp_not_utf8_hint": {"en": "export the file again, as UTF-8", "nl": "exporteer het bestand opnieuw, als UTF-8"},
    "imp_bad_json": {"en": "not valid JSON: {reason}", "nl": "geen geldige JSON: {reason}"},
    "imp_bad_json_hint": {"en": "export the file again; a file cut off in transfer looks like this", "nl": "exporteer het bestand opnieuw; een bestand dat bij het overzetten is afgebroken ziet er zo uit"},
    "imp_zip_nested": {"en": "a zip inside a zip inside a zip: at most {depth} level of nesting is read", "nl": "een zip in een zip in een zip: hoogstens {depth} niveau nesting wordt gelezen"},
    "imp_zip_nested_hint": {"en": "a bulk export holds form exports, and those hold JSON files", "nl": "een bulkexport bevat formulierexports, en die bevatten JSON-bestanden"},
    "imp_bad_zip": {"en": "not a readable zip archive: {reason}", "nl": "geen leesbaar zip-archief: {reason}"},
    "imp_bad_zip_hint": {"en": "download the export again", "nl": "download de export opnieuw"},
    "imp_zip_too_many": {"en": "the archive holds {count} files, more than the limit of {limit}", "nl": "het archief bevat {count} bestanden, meer dan de grens van {limit}"},
    "imp_zip_bomb": {"en": "unpacks to {size} bytes, more than the limit of {limit} bytes (or far more than it is packed)", "nl": "pakt uit tot {size} bytes, meer dan de grens van {limit} bytes (of veel meer dan gepakt)"},
    "imp_zip_bomb_hint": {"en": "this is not an export the tool knows; exports are small and compress about tenfold", "nl": "dit is geen export die het programma kent; exports zijn klein en comprimeren ongeveer tienvoudig"},
    "imp_wrong_type": {"en": "expected {expected}, found {found}", "nl": "verwacht: {expected}, gevonden: {found}"},
    "imp_json_object": {"en": "an object", "nl": "een object"},
    "imp_json_array": {"en": "a list", "nl": "een lijst"},
    "imp_json_string": {"en": "text", "nl": "tekst"},
    "imp_json_boolean": {"en": "true or false", "nl": "true of false"},
    "imp_json_number": {"en": "a number", "nl": "een getal"},
    "imp_json_null": {"en": "null", "nl": "null"},
    "imp_one_departments": {"en": "department", "nl": "afdeling"},
    "imp_one_people": {"en": "person", "nl": "medewerker"},
    "imp_one_processes": {"en": "process", "nl": "proces"},
    "imp_one_systems": {"en": "system", "nl": "systeem"},
    "imp_not_export": {"en": "this zip is not an export the tool knows (expected: {kind})", "nl": "deze zip is geen export die het programma kent (verwacht: {kind})"},
    "imp_not_export_hint": {"en": "give a form export or bulk export of Open Formulieren, Open Zaak's catalogue export (ZaakType.json) or the spreadsheet (xlsx)", "nl": "geef een formulierexport of bulkexport van Open Formulieren, de catalogusexport van Open Zaak (ZaakType.json) of het werkblad (xlsx)"},
    "imp_form_incomplete": {"en": "a form without `name` or `slug`", "nl": "een formulier zonder `name` of `slug`"},
    "imp_form_inactive": {"en": "form \"{name}\" is not active or deleted: skipped", "nl": "formulier \"{name}\" is niet actief of verwijderd: overgeslagen"},
    "imp_form_maintenance": {"en": "form \"{name}\" is in maintenance mode", "nl": "formulier \"{name}\" staat in onderhoudsmodus"},
    "imp_backend_test": {"en": "registration backend `{backend}` is a test plugin: skipped", "nl": "registratie-backend `{backend}` is een testplug-in: overgeslagen"},
    "imp_form_no_backend": {"en": "form \"{name}\" has no registration backend: submissions stay inside Open Formulieren", "nl": "formulier \"{name}\" heeft geen registratie-backend: inzendingen blijven in Open Formulieren staan"},
    "imp_form_mapped": {"en": "form \"{name}\": an intake with a form on the website, for process `{id}`", "nl": "formulier \"{name}\": een intake met formulier op de website, voor proces `{id}`"},
    "imp_form_mapped_linked": {"en": "form \"{name}\": an intake with a form on the website, for the process of zaaktype {zaaktype}", "nl": "formulier \"{name}\": een intake met formulier op de website, voor het proces van zaaktype {zaaktype}"},
    "imp_backend_alternative": {"en": "backend `{backend}` is not the default: it receives the submissions the form's logic sends to it; an intake of its own", "nl": "backend `{backend}` is niet de standaard: hij krijgt de inzendingen die de logica van het formulier erheen stuurt; een eigen intake"},
    "imp_email_from_variable": {"en": "form \"{name}\" mails to an address taken from a form variable: which mailbox is it?", "nl": "formulier \"{name}\" mailt naar een adres uit een formuliervariabele: welke mailbox is dat?"},
    "imp_backend_person": {"en": "form \"{name}\" registers through `{backend}`: which back office processes it must be named by a person", "nl": "formulier \"{name}\" registreert via `{backend}`: welke backoffice het verwerkt moet een mens aangeven"},
    "imp_backend_unknown": {"en": "form \"{name}\" uses the unknown registration backend `{backend}`", "nl": "formulier \"{name}\" gebruikt de onbekende registratie-backend `{backend}`"},
    "imp_not_zaaktypen": {"en": "this JSON is not a list of zaaktypen", "nl": "deze JSON is geen lijst van zaaktypen"},
    "imp_not_zaaktypen_hint": {"en": "give a Catalogi API response (zaaktypen), Open Zaak's catalogue export or its fixture", "nl": "geef een antwoord van de Catalogi API (zaaktypen), de catalogusexport van Open Zaak of de fixture"},
    "imp_zaaktype_incomplete": {"en": "a zaaktype without `identificatie` or `{name}`", "nl": "een zaaktype zonder `identificatie` of `{name}`"},
    "imp_bad_date": {"en": "not a date: {found}", "nl": "geen datum: {found}"},
    "imp_bad_date_hint": {"en": "dates are written as 2026-11-01", "nl": "datums staan als 2026-11-01"},
    "imp_zt_not_valid": {"en": "zaaktype {id}: this version is not valid on the audit date {date}: skipped", "nl": "zaaktype {id}: deze versie geldt niet op de peildatum {date}: overgeslagen"},
    "imp_zt_concept": {"en": "zaaktype {id} is a concept: skipped (--concept takes it)", "nl": "zaaktype {id} is een concept: overgeslagen (--concept neemt het mee)"},
    "imp_zt_intern": {"en": "zaaktype {id} is internal: skipped (--internal takes it)", "nl": "zaaktype {id} is intern: overgeslagen (--internal neemt het mee)"},
    "imp_zt_department": {"en": "zaaktype {id}: responsible \"{who}\" is not the name or id of a department; which department, and who owns the process?", "nl": "zaaktype {id}: verantwoordelijke \"{who}\" is niet de naam of id van een afdeling; welke afdeling, en wie is proceseigenaar?"},
    "imp_zt_times": {"en": "zaaktype {id}: lead time {doorlooptijd}, service norm {servicenorm} (not in the model)", "nl": "zaaktype {id}: doorlooptijd {doorlooptijd}, servicenorm {servicenorm} (niet in het model)"},
    "imp_zt_mapped": {"en": "zaaktype {id} \"{name}\": process `{process}`", "nl": "zaaktype {id} \"{name}\": proces `{process}`"},
    "imp_zt_upl_unchecked": {"en": "product {uri} looks like a UPL URI, but no UPL list was given to check it", "nl": "product {uri} lijkt een UPL-URI, maar er is geen UPL-lijst opgegeven om het te controleren"},
    "imp_zt_upl_unknown": {"en": "product {uri} is not in the UPL list: left out", "nl": "product {uri} staat niet in de UPL-lijst: weggelaten"},
    "imp_upl_row": {"en": "a UPL row without a product name or URI", "nl": "een UPL-regel zonder productnaam of URI"},
    "imp_upl_row_hint": {"en": "use UPL-actueel.csv from standaarden.overheid.nl as it is", "nl": "gebruik UPL-actueel.csv van standaarden.overheid.nl zoals het is"},
    "imp_upl_select_unknown": {"en": "\"{name}\" is not a product name in the UPL", "nl": "\"{name}\" is geen productnaam in de UPL"},
    "imp_upl_select_hint": {"en": "did you mean \"{suggestion}\"?", "nl": "bedoel je \"{suggestion}\"?"},
    "imp_upl_select_hint_plain": {"en": "use the name in the column UniformeProductnaam", "nl": "gebruik de naam uit de kolom UniformeProductnaam"},
    "imp_select_without_upl": {"en": "--select picks products from the UPL, but no UPL list is among the sources", "nl": "--select kiest producten uit de UPL, maar er staat geen UPL-lijst tussen de bronnen"},
    "imp_select_without_upl_hint": {"en": "add the list, e.g. upl:UPL-actueel.csv", "nl": "voeg de lijst toe, bijvoorbeeld upl:UPL-actueel.csv"},
    "imp_upl_stub": {"en": "UPL product \"{name}\": a stub process `{id}`", "nl": "UPL-product \"{name}\": een procesaanzet `{id}`"},
    "imp_upl_not_applied": {"en": "UPL product \"{name}\" is marked neither Aanvraag nor Melding: people do not apply for it", "nl": "UPL-product \"{name}\" is niet gemarkeerd als Aanvraag of Melding: inwoners vragen het niet aan"},
    "imp_upl_unknown": {"en": "process `{id}`: {uri} is not in the UPL list (nearest: {nearest})", "nl": "proces `{id}`: {uri} staat niet in de UPL-lijst (dichtstbij: {nearest})"},
    "imp_upl_checked": {"en": "{count} UPL references of processes checked against the list", "nl": "{count} UPL-verwijzingen van processen gecontroleerd tegen de lijst"},
    "imp_csv_utf16": {"en": "the file is UTF-16 text, which is not read", "nl": "het bestand is UTF-16-tekst, en dat wordt niet gelezen"},
    "imp_csv_utf16_hint": {"en": "in Excel save as \"CSV (semicolon delimited)\" or \"CSV UTF-8\", not \"Unicode text\"", "nl": "sla in Excel op als \"CSV (puntkomma gescheiden)\" of \"CSV UTF-8\", niet als \"Unicode-tekst\""},
    "imp_sheet_too_many_rows": {"en": "more than {limit} rows", "nl": "meer dan {limit} rijen"},
    "imp_sheet_unknown": {"en": "no sheet the tool knows (expected one of: {names})", "nl": "geen werkblad dat het programma kent (verwacht een van: {names})"},
    "imp_sheet_unknown_hint": {"en": "start from `digimandate template xlsx`", "nl": "begin met `digimandate template xlsx`"},
    "imp_bad_xlsx": {"en": "the workbook cannot be read: {reason}", "nl": "de werkmap kan niet worden gelezen: {reason}"},
    "imp_bad_xlsx_hint": {"en": "open it in Excel and save it again as .xlsx", "nl": "open hem in Excel en sla hem opnieuw op als .xlsx"},
    "imp_sheet_ignored": {"en": "sheet \"{sheet}\" is not one of the template's: skipped", "nl": "werkblad \"{sheet}\" hoort niet bij het sjabloon: overgeslagen"},
    "imp_sheet_merged": {"en": "merged cells cannot be read as one row per entity", "nl": "samengevoegde cellen zijn niet te lezen als één rij per entiteit"},
    "imp_sheet_merged_hint": {"en": "unmerge the cells and fill in each row", "nl": "maak de samenvoeging ongedaan en vul elke rij in"},
    "imp_sheet_formula": {"en": "a formula ({formula}): only values are read", "nl": "een formule ({formula}): alleen waarden worden gelezen"},
    "imp_sheet_formula_hint": {"en": "copy the column and paste it as values", "nl": "kopieer de kolom en plak hem als waarden"},
    "imp_sheet_unknown_column": {"en": "unknown column \"{column}\" in sheet {sheet}", "nl": "onbekende kolom \"{column}\" in werkblad {sheet}"},
    "imp_sheet_column_guess": {"en": "did you mean \"{suggestion}\"? Keep the template's column names", "nl": "bedoel je \"{suggestion}\"? Houd de kolomnamen van het sjabloon aan"},
    "imp_sheet_column_allowed": {"en": "the columns are: {allowed}", "nl": "de kolommen zijn: {allowed}"},
    "imp_sheet_missing_column": {"en": "column \"{column}\" is missing from sheet {sheet}", "nl": "kolom \"{column}\" ontbreekt in werkblad {sheet}"},
    "imp_sheet_missing_column_hint": {"en": "keep every column of the template, even when it stays empty", "nl": "houd elke kolom van het sjabloon, ook als hij leeg blijft"},
    "imp_sheet_required": {"en": "column \"{column}\" must be filled in", "nl": "kolom \"{column}\" moet ingevuld zijn"},
    "imp_sheet_date_text": {"en": "a date as text ({found})", "nl": "een datum als tekst ({found})"},
    "imp_sheet_date_text_hint": {"en": "enter the date as a date (2026-05-01), not as text", "nl": "voer de datum in als datum (2026-05-01), niet als tekst"},
    "imp_sheet_bad_date": {"en": "not a date: {found}", "nl": "geen datum: {found}"},
    "imp_sheet_bad_bool": {"en": "expected yes or no, found \"{found}\"", "nl": "verwacht ja of nee, gevonden: \"{found}\""},
    "imp_sheet_bad_bool_hint": {"en": "leave the cell empty when it is not known", "nl": "laat de cel leeg als het niet bekend is"},
    "imp_sheet_bad_enum": {"en": "\"{found}\" is not one of: {allowed}", "nl": "\"{found}\" is niet een van: {allowed}"},
    "imp_sheet_bad_enum_hint": {"en": "pick a value from the cell's list", "nl": "kies een waarde uit de lijst van de cel"},
    "imp_sheet_bad_id": {"en": "\"{found}\" is not an id (lower case letters, digits, - and _)", "nl": "\"{found}\" is geen id (kleine letters, cijfers, - en _)"},
    "imp_sheet_bad_id_hint": {"en": "for example \"{suggestion}\"", "nl": "bijvoorbeeld \"{suggestion}\""},
    "imp_sheet_row": {"en": "{section}: `{id}`", "nl": "{section}: `{id}`"},
    "imp_sheet_bad_raci": {"en": "\"{found}\" is not R, A, C or I", "nl": "\"{found}\" is geen R, A, C of I"},
    "imp_sheet_bad_raci_hint": {"en": "only A (accountable) becomes the process owner", "nl": "alleen A (eindverantwoordelijk) wordt proceseigenaar"},
    "imp_raci_many_a": {"en": "product `{product}` has more than one A ({people}): who owns it?", "nl": "product `{product}` heeft meer dan één A ({people}): wie is eigenaar?"},
    "imp_unknown_entity": {"en": "`{section}/{id}` is in no source and not in the organisation: add it, or fix the id", "nl": "`{section}/{id}` staat in geen bron en niet in de organisatie: voeg het toe, of verbeter de id"},
    "imp_conflict_kept": {"en": "`{entity}`: the source says {key} = {theirs}, the hand-written file ({at}) says {ours}; the file is kept", "nl": "`{entity}`: de bron zegt {key} = {theirs}, het handgeschreven bestand ({at}) zegt {ours}; het bestand blijft"},
    "imp_conflict_precedence": {"en": "`{entity}`: this source says {key} = {theirs}, {winner} says {ours}, which goes first", "nl": "`{entity}`: deze bron zegt {key} = {theirs}, {winner} zegt {ours}, en die gaat voor"},
    "imp_unresolved": {"en": "`{entity}`: {key} \"{value}\" refers to nothing in the organisation: left out", "nl": "`{entity}`: {key} \"{value}\" verwijst naar niets in de organisatie: weggelaten"},
    "imp_stand_in": {"en": "`{entity}` (\"{name}\") stands in for a system or channel no file names yet: give its real name and owner, or add the organisation's own", "nl": "`{entity}` (\"{name}\") staat voor een systeem of kanaal dat nog geen bestand noemt: geef de echte naam en eigenaar, of voeg dat van de organisatie toe"},
    "imp_report_nothing": {"en": "Nothing to report.", "nl": "Niets te melden."},
    "imp_unresolved_required": {"en": "`{entity}`: {key} \"{value}\" refers to nothing in the organisation, and is required: not imported", "nl": "`{entity}`: {key} \"{value}\" verwijst naar niets in de organisatie, en is verplicht: niet geïmporteerd"},
    "imp_proposal": {"en": "`{entity}` is hand-written; the sources ({from}) add this, to copy in by hand", "nl": "`{entity}` is handgeschreven; de bronnen ({from}) voegen dit toe, over te nemen met de hand"},
    "imp_matched": {"en": "`{entity}` is hand-written and already holds what the source says ({from})", "nl": "`{entity}` is handgeschreven en bevat al wat de bron zegt ({from})"},
    "imp_source_missing_hint": {"en": "name an export file; a `kind:` prefix (openforms:, zgw:, upl:, sheet:) sets its kind", "nl": "noem een exportbestand; een voorvoegsel (openforms:, zgw:, upl:, sheet:) bepaalt de soort"},
    "imp_unknown_source": {"en": "cannot tell what kind of source this is", "nl": "niet te zien wat voor bron dit is"},
    "imp_unknown_source_hint": {"en": "sources are Open Formulieren exports, zaaktypen (JSON or zip), UPL-actueel.csv and the spreadsheet (xlsx or CSV)", "nl": "bronnen zijn exports van Open Formulieren, zaaktypen (JSON of zip), UPL-actueel.csv en het werkblad (xlsx of CSV)"},
    "imp_kind_mismatch": {"en": "given as `{kind}:`, but the content is a {found} source", "nl": "opgegeven als `{kind}:`, maar de inhoud is een {found}-bron"},
    "imp_kind_mismatch_hint": {"en": "leave out the prefix, or name the right file", "nl": "laat het voorvoegsel weg, of noem het juiste bestand"},
    "imp_no_sources": {"en": "no source given", "nl": "geen bron opgegeven"},
    "imp_no_sources_hint": {"en": "digimandate import export.zip zaaktypen.json --into organisation.yaml", "nl": "digimandate import export.zip zaaktypen.json --into organisatie.yaml"},
    "imp_output_is_main": {"en": "{file} is the hand-written organisation file; the import never writes it", "nl": "{file} is het handgeschreven organisatiebestand; de import schrijft dat nooit"},
    "imp_output_is_main_hint": {"en": "name another file with -o, e.g. imported.yaml", "nl": "noem een ander bestand met -o, bijvoorbeeld imported.yaml"},
    "imp_output_outside": {"en": "{file} is not in the folder of {main} or below, so it cannot be included", "nl": "{file} staat niet in de map van {main} of daaronder, en kan dus niet worden opgenomen"},
    "imp_output_not_generated": {"en": "{file} exists and was not written by `digimandate import`; it is never overwritten", "nl": "{file} bestaat en is niet door `digimandate import` geschreven; het wordt nooit overschreven"},
    "imp_output_not_generated_hint": {"en": "name another file with -o", "nl": "noem een ander bestand met -o"},
    "imp_include_add": {"en": "add `{line}` to the organisation file to take the import into the audit", "nl": "voeg `{line}` toe aan het organisatiebestand om de import in de audit mee te nemen"},
    "imp_written": {"en": "{file} written: {summary}", "nl": "{file} geschreven: {summary}"},
    "imp_dry_run": {"en": "dry run: nothing written ({summary} would be new)", "nl": "proefdraai: niets geschreven ({summary} zou nieuw zijn)"},
    "imp_report_title": {"en": "Import report", "nl": "Importverslag"},
    "imp_report_org": {"en": "Organisation", "nl": "Organisatie"},
    "imp_report_date": {"en": "audit date", "nl": "peildatum"},
    "imp_report_output": {"en": "Written to", "nl": "Geschreven naar"},
    "imp_report_general": {"en": "The organisation", "nl": "De organisatie"},
    "imp_report_mapped": {"en": "Mapped", "nl": "Overgenomen"},
    "imp_report_skipped": {"en": "Skipped", "nl": "Overgeslagen"},
    "imp_report_warning": {"en": "Warnings", "nl": "Waarschuwingen"},
    "imp_report_person": {"en": "Needs a person", "nl": "Vraagt een mens"},
    "imp_report_conflict": {"en": "Conflicts", "nl": "Conflicten"},
    "imp_report_proposal": {"en": "Proposals for hand-written entities", "nl": "Voorstellen voor handgeschreven entiteiten"},
    "imp_report_human": {"en": "What a person still fills in", "nl": "Wat een mens nog invult"},
    "imp_report_human_text": {"en": "No register holds these, so the import never writes them: all of `governance` and `mandates`; department functions and managers; channel owners, `promotes_digital` and `assisted_digital`; process `owner` (except an A in the RACI sheet), `designer` and `it_contact`; step media; KPIs; the last user test; volumes.", "nl": "Geen register bevat deze, dus de import schrijft ze nooit: heel `governance` en `mandates`; functies en managers van afdelingen; eigenaren van kanalen, `promotes_digital` en `assisted_digital`; `owner` van processen (behalve een A in het RACI-werkblad), `designer` en `it_contact`; media van stappen; KPI's; de laatste gebruikerstest; volumes."},
    "imp_kind_openforms": {"en": "Open Formulieren", "nl": "Open Formulieren"},
    "imp_kind_zgw": {"en": "ZGW zaaktypen", "nl": "ZGW-zaaktypen"},
    "imp_kind_upl": {"en": "UPL", "nl": "UPL"},
    "imp_kind_sheet": {"en": "spreadsheet", "nl": "werkblad"},
    "imp_section_departments": {"en": "departments", "nl": "afdelingen"},
    "imp_section_people": {"en": "people", "nl": "medewerkers"},
    "imp_section_channels": {"en": "channels", "nl": "kanalen"},
    "imp_section_systems": {"en": "systems", "nl": "systemen"},
    "imp_section_processes": {"en": "processes", "nl": "processen"},
    "imp_template_written": {"en": "{file} written; send it to the departments and import it with `digimandate import {file}`", "nl": "{file} geschreven; stuur het naar de afdelingen en importeer het met `digimandate import {file}`"},
    "imp_sheet_help_1": {"en": "How to fill in this workbook (digimandate)", "nl": "Zo vul je deze werkmap in (digimandate)"},
    "imp_sheet_help_2": {"en": "One row per entity. Keep the sheet and column names as they are: the import reads them by name.", "nl": "Eén rij per entiteit. Houd de namen van werkbladen en kolommen zoals ze zijn: de import leest ze op naam."},
    "imp_sheet_help_3": {"en": "An id is lower case letters, digits, - and _ (parkeervergunning). Left empty, it is made from the name.", "nl": "Een id bestaat uit kleine letters, cijfers, - en _ (parkeervergunning). Leeg gelaten wordt hij uit de naam gemaakt."},
    "imp_sheet_help_4": {"en": "Leave a cell empty when you do not know; write \"no\" only when it is really no.", "nl": "Laat een cel leeg als je het niet weet; schrijf alleen \"nee\" als het echt nee is."},
    "imp_sheet_help_5": {"en": "Department, owner, channel and lands-in columns hold the id of a department, person, channel or system.", "nl": "De kolommen afdeling, eigenaar, kanaal en komt_binnen_in bevatten de id van een afdeling, medewerker, kanaal of systeem."},
    "imp_sheet_help_6": {"en": "The Channels sheet has one row per product and intake route: how requests come in, and where they land.", "nl": "Het werkblad Kanalen heeft één rij per product en intakeroute: hoe aanvragen binnenkomen, en waar ze terechtkomen."},
    "imp_sheet_help_7": {"en": "RACI: products down, people (ids) across, cells R, A, C or I. Only the A becomes the process owner.", "nl": "RACI: producten omlaag, medewerkers (id's) opzij, cellen R, A, C of I. Alleen de A wordt proceseigenaar."},
    "imp_sheet_help_8": {"en": "No formulas and no merged cells; enter dates as dates. The mandaatregister (Awb) is not the mandate asked about here.", "nl": "Geen formules en geen samengevoegde cellen; voer datums in als datum. Het mandaatregister (Awb) is niet het mandaat waar het hier om gaat."},
})
HELP_NL.update({
    "Import entities from Open Formulieren, ZGW zaaktypen, the UPL and the spreadsheet.": "Importeer entiteiten uit Open Formulieren, ZGW-zaaktypen, de UPL en het werkblad.",
    "Source files; a kind: prefix (openforms:, zgw:, upl:, sheet:) overrides.": "Bronbestanden; een voorvoegsel (openforms:, zgw:, upl:, sheet:) bepaalt de soort.",
    "The hand-written organisation file (never written).": "Het handgeschreven organisatiebestand (wordt nooit geschreven).",
    "The machine-owned file to write (default: imported.yaml beside --into).": "Het machinebestand om te schrijven (standaard: imported.yaml naast --into).",
    "Write nothing; print the file that would be written.": "Schrijf niets; toon het bestand dat geschreven zou worden.",
    "Write the import report here (default: standard output).": "Schrijf het importverslag hierheen (standaard: standaarduitvoer).",
    "Format of the import report.": "Vorm van het importverslag.",
    "UPL product names to create stub processes for.": "UPL-productnamen waarvoor een procesaanzet wordt gemaakt.",
    "Also import concept zaaktypen.": "Importeer ook conceptzaaktypen.",
    "Also import internal zaaktypen.": "Importeer ook interne zaaktypen.",
    "Overwrite an existing report.": "Overschrijf een bestaand verslag.",
    "Write the spreadsheet template (xlsx, or a folder of CSV files) to send to departments.": "Schrijf het werkbladsjabloon (xlsx, of een map met CSV-bestanden) om naar afdelingen te sturen.",
    "xlsx or csv.": "xlsx of csv.",
    "Where to write it.": "Waar het heen moet.",
    "Overwrite existing files.": "Overschrijf bestaande bestanden.",
})

# File safety, exit codes and messages (issue 14, part A).
CATALOG.update({
    "output_is_input": {
        "en": "{file} is read by this run; an output never replaces an input, not even with --force",
        "nl": "{file} wordt door deze run gelezen; uitvoer vervangt nooit invoer, ook niet met --force",
    },
    "output_is_input_via": {
        "en": "{file} is the same file as {input}, which this run reads; an output never replaces an input, "
              "not even with --force",
        "nl": "{file} is hetzelfde bestand als {input}, dat deze run leest; uitvoer vervangt nooit invoer, "
              "ook niet met --force",
    },
    "output_is_input_hint": {"en": "write the output to another file", "nl": "schrijf de uitvoer naar een ander bestand"},
    "include_escapes": {
        "en": "`{pattern}` reaches {file}, which a symbolic link places outside the folder of this file",
        "nl": "`{pattern}` bereikt {file}, dat door een symbolische koppeling buiten de map van dit bestand ligt",
    },
    "sum_failed": {
        "en": "{count} of {total} organisation files could not be audited (the errors above say why): {files}",
        "nl": "{count} van {total} organisatiebestanden konden niet worden doorgelicht (de fouten hierboven zeggen waarom): {files}",
    },
    "template_not_folder": {
        "en": "--template {folder} is not a folder",
        "nl": "--template {folder} is geen map",
    },
    "template_not_folder_hint": {
        "en": "name a folder that holds your own report.md.j2 or memo.md.j2",
        "nl": "noem een map met je eigen report.md.j2 of memo.md.j2",
    },
    "template_missing": {
        "en": "the folder {folder} has no {file}",
        "nl": "de map {folder} bevat geen {file}",
    },
    "template_missing_hint": {
        "en": "put {file} in that folder, or leave out --template for the built-in template",
        "nl": "zet {file} in die map, of laat --template weg voor het ingebouwde sjabloon",
    },
    "report_needs_folder": {
        "en": "there are {count} organisations; a report is written per organisation",
        "nl": "er zijn {count} organisaties; er komt een rapport per organisatie",
    },
    "report_needs_folder_hint": {
        "en": "write them to a folder with -o FOLDER/, or name one organisation file",
        "nl": "schrijf ze naar een map met -o MAP/, of noem één organisatiebestand",
    },
    "memo_needs_folder": {
        "en": "there are {count} organisations; a memo is written per organisation",
        "nl": "er zijn {count} organisaties; er komt een notitie per organisatie",
    },
    "memo_needs_folder_hint": {
        "en": "write them to a folder with -o FOLDER/, or name one organisation file",
        "nl": "schrijf ze naar een map met -o MAP/, of noem één organisatiebestand",
    },
    "previous_other_org": {
        "en": "warning: {file} is a result of {other}, not of {name}; the progress shown compares two organisations",
        "nl": "waarschuwing: {file} is een resultaat van {other}, niet van {name}; de getoonde voortgang vergelijkt twee organisaties",
    },
    "previous_not_found": {
        "en": "warning: {file} holds no result of {name}; the document shows no progress",
        "nl": "waarschuwing: {file} bevat geen resultaat van {name}; het document toont geen voortgang",
    },
    "query_failed": {
        "en": "the query of rule {id} fails on this organisation: {problem}",
        "nl": "de query van regel {id} faalt op deze organisatie: {problem}",
    },
    "query_failed_hint": {
        "en": "give each function the type it takes: age_days a date (YYYY-MM-DD) or null, length a text or list",
        "nl": "geef elke functie het type dat zij verwacht: age_days een datum (JJJJ-MM-DD) of null, length een tekst of lijst",
    },
    "schema_version_not_number": {
        "en": "`schema_version` must be a number, not {found}",
        "nl": "`schema_version` moet een getal zijn, geen {found}",
    },
    "schema_version_not_number_hint": {
        "en": "write `schema_version: 1`, without quotes",
        "nl": "schrijf `schema_version: 1`, zonder aanhalingstekens",
    },
    "utf16": {
        "en": "the file is UTF-16 (or UTF-32), not UTF-8",
        "nl": "het bestand is UTF-16 (of UTF-32), geen UTF-8",
    },
    "is_directory_file_hint": {"en": "name a file, not a folder", "nl": "noem een bestand, geen map"},
    "too_large_fixed_hint": {
        "en": "--max-bytes is for organisation files; this file has a fixed limit, so make it smaller",
        "nl": "--max-bytes geldt voor organisatiebestanden; dit bestand heeft een vaste grens, maak het dus kleiner",
    },
    "folder_unreadable": {
        "en": "folder cannot be read: {reason}",
        "nl": "map kan niet worden gelezen: {reason}",
    },
    "init_exists_hint": {
        "en": "choose another name, or remove the file first",
        "nl": "kies een andere naam, of verwijder het bestand eerst",
    },
})

# Help of file safety, exit codes and messages (issue 14, part A).
HELP_NL.update({
    "Write to this file (- for standard output; FOLDER/ for one document per organisation).":
        "Schrijf naar dit bestand (- voor standaarduitvoer; MAP/ voor een document per organisatie).",
})

# Maturity model v2 (issue 13): levels that are earned, not assessed, or withheld for lack of evidence.
CATALOG.update({
    "level_none": {"en": "–", "nl": "–"},
    "reason_not_assessed": {"en": "not assessed", "nl": "niet getoetst"},
    "reason_insufficient_evidence": {
        "en": "insufficient evidence to establish a level",
        "nl": "onvoldoende gegevens om een niveau vast te stellen",
    },
    "reason_level_not_assessed": {"en": "level {level} not assessed", "nl": "niveau {level} niet getoetst"},
    "term_maturity_none": {
        "en": "{org}: no maturity level ({reason}), score {score}",
        "nl": "{org}: geen volwassenheidsniveau ({reason}), score {score}",
    },
    "term_evidence": {
        "en": "evidence: {decided} of {checks} checks decided by recorded facts ({share})",
        "nl": "onderbouwing: {decided} van {checks} toetsingen beslist op vastgelegde feiten ({share})",
    },
    "coverage_line": {"en": "{passed} of {applicable} ({share})", "nl": "{passed} van {applicable} ({share})"},
    "waiver_too_long": {
        "en": "the waiver for {rule} runs until {expires}, {days} days after the audit date {audit_date}; "
              "at most {max} days are allowed",
        "nl": "de uitzondering voor {rule} loopt tot {expires}, {days} dagen na de auditdatum {audit_date}; "
              "hooguit {max} dagen is toegestaan",
    },
    "waiver_too_long_hint": {
        "en": "choose an earlier date and review the waiver then; to change what is measured, disable the rule "
              "or set a parameter openly in the configuration",
        "nl": "kies een eerdere datum en beoordeel de uitzondering dan opnieuw; wie de norm wil veranderen, zet de "
              "regel uit of stelt een parameter in, openlijk in de configuratie",
    },
    "checklist_empty_rung": {
        "en": "warning: checklist {checklist}: dimension {dimension} has no rule at level {level}; "
              "it cannot rise above level {below}",
        "nl": "waarschuwing: checklist {checklist}: dimensie {dimension} heeft geen regel op niveau {level}; "
              "die dimensie komt niet boven niveau {below}",
    },
    "previous_version_differs": {
        "en": "warning: the earlier result was audited with checklist {id} {before}, this one with {after}; "
              "levels and findings are not directly comparable",
        "nl": "waarschuwing: het eerdere resultaat is getoetst met checklist {id} {before}, dit met {after}; "
              "niveaus en bevindingen zijn niet één op één te vergelijken",
    },
    "own_norm": {"en": "digimandate's own norm", "nl": "eigen norm van digimandate"},
    "explain_coverage": {
        "en": "Met when at least {share} of the {what} it applies to pass (min_coverage {value})",
        "nl": "Voldaan als ten minste {share} van de {what} waarop de regel van toepassing is voldoet "
              "(min_coverage {value})",
    },
    "explain_coverage_what": {"en": "entities", "nl": "onderdelen"},
    "doc_in_force": {"en": "in force since {date}", "nl": "in werking sinds {date}"},
    "doc_changes": {"en": "Changes in {version}", "nl": "Wijzigingen in {version}"},
    "memo_core_no_level": {
        "en": "No maturity level can be established for {org}: {reason}.",
        "nl": "Voor {org} is geen volwassenheidsniveau vast te stellen: {reason}.",
    },
    "memo_core_no_level_evidence": {
        "en": "No maturity level can be established for {org} yet: only {share} of the checks rest on recorded "
              "facts, and at least {minimum} is needed.",
        "nl": "Voor {org} is nog geen volwassenheidsniveau vast te stellen: slechts {share} van de toetsingen "
              "berust op vastgelegde feiten, en er is minstens {minimum} nodig.",
    },
    "risk_norms_changed": {
        "en": "The norms were adapted for this audit (switched off or with other thresholds): {rules}; set by {who}.",
        "nl": "Het normenkader is voor deze toets aangepast (uitgeschakeld of met andere drempels): {rules}; "
              "ingesteld door {who}.",
    },
    "memo_facts_to_collect": {"en": "Facts to collect first", "nl": "Eerst te verzamelen gegevens"},
    "memo_facts_intro": {
        "en": "These facts are needed before a level can be stated; they are not findings about the organisation:",
        "nl": "Deze gegevens zijn nodig voordat een niveau kan worden vastgesteld; het zijn geen bevindingen over "
              "de organisatie:",
    },
    "memo_status_information": {"en": "for information", "nl": "ter informatie"},
    "memo_not_shown": {"en": "not shown ({count} facts not recorded)", "nl": "niet aangetoond ({count} gegevens niet vastgelegd)"},
    "doc_coverage": {"en": "Coverage", "nl": "Dekking"},
    "chart_not_assessed": {"en": "not assessed", "nl": "niet getoetst"},
    "role_holder": {"en": "the mandate holder", "nl": "de houder van het mandaat"},
    "role_holders": {"en": "the mandate holders", "nl": "de houders van het mandaat"},
})

# Maturity model v2 (issue 13): help of the report's --names option.
HELP_NL.update({
    "Name the staff beside the job design (the consultant's copy).":
        "Noem medewerkers bij de functie-inhoud bij naam (het exemplaar van de adviseur).",
})

# Client documents (issue 11): the adviesrapport and the memo for the directie or the executive,
# in every format. No file paths, YAML keys, ids or backticks: a client reads these.
CATALOG.update({
    "doc_and_more": {"en": "and {count} more", "nl": "en {count} andere"},
    "doc_level_named": {"en": "level {level} ({name})", "nl": "niveau {level} ({name})"},
    "doc_not_assessed": {"en": "not assessed", "nl": "niet getoetst"},
    "doc_not_recorded": {"en": "not recorded", "nl": "niet vastgelegd"},
    "doc_entity_governance": {"en": "Board commitment", "nl": "Bestuurlijk commitment"},
    "doc_entity_organisation": {"en": "The organisation", "nl": "De organisatie"},
    "doc_body_directie": {"en": "the management team", "nl": "de directie"},
    "doc_executive_gemeente": {"en": "the municipal executive", "nl": "het college van B&W"},
    "doc_executive_provincie": {"en": "the provincial executive", "nl": "Gedeputeerde Staten"},
    "doc_executive_waterschap": {"en": "the executive board of the water authority", "nl": "het dagelijks bestuur"},
    "doc_executive_other": {"en": "the executive board", "nl": "het bestuur"},
    "doc_role_directie": {"en": "the management team", "nl": "de directie"},
    "doc_role_sponsor": {"en": "the sponsor in management", "nl": "de sponsor in de directie"},
    "doc_role_mandate_holder": {"en": "the mandate holder", "nl": "de houder van het mandaat"},
    "doc_role_channel_owners": {"en": "the channel owners", "nl": "de kanaaleigenaren"},
    "doc_role_kcc_head": {"en": "the head of the contact centre", "nl": "het hoofd van het KCC"},
    "doc_role_process_owners": {"en": "the process owners", "nl": "de proceseigenaren"},
    "doc_grade_high": {"en": "high", "nl": "hoog"},
    "doc_grade_medium": {"en": "medium", "nl": "middel"},
    "doc_grade_low": {"en": "low", "nl": "laag"},
    "doc_grade_small": {"en": "small", "nl": "klein"},
    "doc_grade_large": {"en": "large", "nl": "groot"},
    "doc_outcome_failed": {"en": "not met", "nl": "niet voldaan"},
    "doc_outcome_passed": {"en": "met", "nl": "voldaan"},
    "doc_outcome_waived": {"en": "exception granted", "nl": "uitzondering verleend"},
    "doc_outcome_not_applicable": {"en": "not applicable", "nl": "niet van toepassing"},
    "doc_outcome_disabled": {"en": "switched off", "nl": "uitgeschakeld"},
    "doc_outcome_error": {"en": "could not be assessed", "nl": "kon niet worden getoetst"},
    "doc_reason_not_assessed": {
        "en": "No standard of this dimension could be assessed, so it has no level.",
        "nl": "Geen enkele norm van deze dimensie kon worden getoetst; de dimensie krijgt daarom geen niveau.",
    },
    "doc_reason_level_not_assessed": {
        "en": "Level {level} was not assessed: no standard for that rung applied, so the dimension stays below it.",
        "nl": "Niveau {level} is niet getoetst: op die trede was geen enkele norm van toepassing, dus de dimensie blijft eronder.",
    },
    "doc_conclusion_not_assessed": {
        "en": "{dim} was not assessed: no standard applied.",
        "nl": "{dim} is niet getoetst: geen enkele norm was van toepassing.",
    },
    "doc_conclusion_overall_none": {
        "en": "Overall, no maturity level can be stated for {org}: that needs a level for board commitment and for the mandate, resting on enough recorded facts.",
        "nl": "Voor {org} als geheel is geen volwassenheidsniveau vast te stellen: daarvoor is een niveau nodig voor bestuurlijk commitment en voor het mandaat, op basis van voldoende vastgelegde feiten.",
    },
    "doc_summary_not_assessed": {
        "en": "No maturity level can be stated for {org}: board commitment or the mandate could not be assessed. The findings below rest on what was recorded.",
        "nl": "Voor {org} is geen volwassenheidsniveau vast te stellen: bestuurlijk commitment of het mandaat kon niet worden getoetst. De bevindingen hieronder berusten op wat is vastgelegd.",
    },
    "doc_memo_reason_none": {
        "en": "{org} had its digital service delivery audited against Optimaal Digitaal tip 16 \"Give a cross-departmental mandate\", with facts as of {date}. No maturity level can be stated yet; the report names what is missing.",
        "nl": "{org} heeft de digitale dienstverlening laten toetsen aan Optimaal Digitaal tip 16 \"Geef afdelingsoverstijgend mandaat\", met peildatum {date}. Een volwassenheidsniveau is nog niet vast te stellen; het rapport noemt wat daarvoor ontbreekt.",
    },
    "doc_advisory": {"en": "advice", "nl": "advies"},
    "doc_job_advisory": {
        "en": "This is advice on the role, not a grade: the job characteristics do not count towards the maturity level.",
        "nl": "Dit is advies over de rol, geen beoordeling: de taakkenmerken tellen niet mee voor het volwassenheidsniveau.",
    },
    "doc_reason_insufficient_evidence": {
        "en": "Too few facts were recorded to state a level for this dimension.",
        "nl": "Er zijn te weinig feiten vastgelegd om voor deze dimensie een niveau vast te stellen.",
    },
    "doc_chart_title": {"en": "{org}: maturity level per dimension", "nl": "{org}: volwassenheidsniveau per dimensie"},
    "doc_ownership_title": {"en": "{org}: who owns what", "nl": "{org}: wie is eigenaar van wat"},
    "doc_owns_channel": {"en": "owns {name}", "nl": "eigenaar van {name}"},
    "doc_co_owns_channel": {"en": "co-owns {name}", "nl": "mede-eigenaar van {name}"},
    "doc_products": {"en": "delivers {count}: {names}", "nl": "levert {count}: {names}"},
    "doc_noun_department": {"en": "department|departments", "nl": "afdeling|afdelingen"},
    "doc_noun_channel": {"en": "channel|channels", "nl": "kanaal|kanalen"},
    "doc_noun_product": {"en": "product|products", "nl": "product|producten"},
    "doc_noun_mandate": {"en": "mandate|mandates", "nl": "mandaat|mandaten"},
    "doc_noun_place": {"en": "place|places", "nl": "plaats|plaatsen"},
    "doc_noun_finding": {"en": "finding|findings", "nl": "bevinding|bevindingen"},
    "doc_label_finding": {"en": "Finding", "nl": "Bevinding"},
    "doc_rec_refs": {"en": "recommendations {n}", "nl": "aanbevelingen {n}"},
    "doc_memo_argument_plain": {"en": "{norm}: not met.", "nl": "{norm}: niet voldaan."},
    "doc_no_owner": {"en": "No owner recorded", "nl": "Geen eigenaar vastgelegd"},
    "doc_reach_organisation": {"en": "the whole organisation", "nl": "de hele organisatie"},
    "doc_reach_unknown": {"en": "reach not recorded", "nl": "reikwijdte niet vastgelegd"},
    "doc_col_department": {"en": "Department", "nl": "Afdeling"},
    "doc_col_owns": {"en": "Channels and products", "nl": "Kanalen en producten"},
    "doc_col_mandate": {"en": "Mandate", "nl": "Mandaat"},
    "doc_col_norm": {"en": "Standard", "nl": "Norm"},
    "doc_col_change": {"en": "Change", "nl": "Wijziging"},
    "doc_col_by": {"en": "Set by", "nl": "Ingesteld door"},
    "doc_col_dimension": {"en": "Dimension", "nl": "Dimensie"},
    "doc_col_before": {"en": "Before", "nl": "Vorige keer"},
    "doc_col_now": {"en": "Now", "nl": "Nu"},
    "doc_col_where": {"en": "Where", "nl": "Waar"},
    "doc_col_finding": {"en": "Finding", "nl": "Bevinding"},
    "doc_col_basis": {"en": "Basis", "nl": "Grondslag"},
    "doc_col_nr": {"en": "No.", "nl": "Nr."},
    "doc_col_action": {"en": "Action", "nl": "Actie"},
    "doc_col_impact": {"en": "Impact", "nl": "Impact"},
    "doc_col_effort": {"en": "Effort", "nl": "Inspanning"},
    "doc_col_role": {"en": "Who acts", "nl": "Wie handelt"},
    "doc_col_after": {"en": "After", "nl": "Na"},
    "doc_person_in": {"en": "a member of staff of {department}", "nl": "een medewerker van {department}"},
    "doc_job_holders": {"en": "Holders: {who}", "nl": "Houders: {who}"},
    "doc_all_of": {"en": "All {what}", "nl": "Alle {what}"},
    "doc_col_norms_failed": {"en": "Standards not met", "nl": "Normen waaraan niet is voldaan"},
    "doc_col_level": {"en": "Level", "nl": "Niveau"},
    "doc_col_severity": {"en": "Weight", "nl": "Gewicht"},
    "doc_col_outcome": {"en": "Outcome", "nl": "Uitkomst"},
    "doc_basis_observed": {"en": "observed", "nl": "vastgesteld"},
    "doc_basis_not_recorded": {"en": "not shown", "nl": "niet aangetoond"},
    # the report
    "doc_report_title": {"en": "Advice report: {org}", "nl": "Adviesrapport: {org}"},
    "doc_report_subtitle": {
        "en": "A cross-departmental mandate for digital service delivery (Optimaal Digitaal, tip 16)",
        "nl": "Afdelingsoverstijgend mandaat voor digitale dienstverlening (Optimaal Digitaal, tip 16)",
    },
    "doc_report_footer": {"en": "Advice report {org}", "nl": "Adviesrapport {org}"},
    "doc_field_organisation": {"en": "Organisation", "nl": "Organisatie"},
    "doc_field_audit_date": {"en": "Facts as of", "nl": "Peildatum"},
    "doc_field_written": {"en": "Date of this report", "nl": "Datum rapport"},
    "doc_field_standard": {"en": "Standard", "nl": "Normenkader"},
    "doc_checklist_version": {"en": "{title}, version {version}", "nl": "{title}, versie {version}"},
    "doc_h_summary": {"en": "Summary", "nl": "Samenvatting"},
    "doc_summary_level": {
        "en": "{org} is at {level}: {description}.",
        "nl": "{org} staat op {level}: {description}.",
    },
    "doc_summary_no_level": {
        "en": "Too few facts were recorded to state a maturity level for {org}. The findings below rest on what was recorded; appendix C lists the facts to collect.",
        "nl": "Er zijn te weinig feiten vastgelegd om voor {org} een volwassenheidsniveau vast te stellen. De bevindingen hieronder berusten op wat wel is vastgelegd; bijlage C noemt de feiten die nog moeten worden verzameld.",
    },
    "doc_summary_top": {"en": "The {count} things that matter most:", "nl": "De {count} dingen die het meest tellen:"},
    "doc_summary_clean": {
        "en": "Every standard that applies is met; there is nothing to improve at this point.",
        "nl": "Aan elke norm die van toepassing is, is voldaan; er is op dit moment niets te verbeteren.",
    },
    "doc_summary_decide": {"en": "For {body} to decide: {actions}.", "nl": "Te besluiten door {body}: {actions}."},
    "doc_summary_nothing_to_decide": {"en": "Nothing needs deciding.", "nl": "Er hoeft niets te worden besloten."},
    "doc_rec_ref": {"en": "recommendation {n}", "nl": "aanbeveling {n}"},

    "doc_why_volume": {"en": "({count}, {volume} requests a year)", "nl": "({count}, {volume} aanvragen per jaar)"},
    "doc_why_places": {"en": "({count})", "nl": "({count})"},
    "doc_h_scope": {"en": "Scope and questions", "nl": "Reikwijdte en onderzoeksvragen"},
    "doc_scope_text": {
        "en": "The audit covers {org}: {departments}, {channels}, {products} and {mandates}, as recorded by the organisation.",
        "nl": "Het onderzoek betreft {org}: {departments}, {channels}, {products} en {mandates}, zoals de organisatie die heeft vastgelegd.",
    },
    "doc_questions_intro": {"en": "The audit answers four questions:", "nl": "Het onderzoek beantwoordt vier vragen:"},
    "doc_question_1": {
        "en": "Does one person or a compact team hold a real, organisation-wide mandate for digital service delivery?",
        "nl": "Heeft een persoon of compact team een echt, organisatiebreed mandaat voor digitale dienstverlening?",
    },
    "doc_question_2": {
        "en": "Do the board and management carry the course, and are they kept informed of results?",
        "nl": "Dragen bestuur en directie de koers uit, en worden zij op de hoogte gehouden van de resultaten?",
    },
    "doc_question_3": {
        "en": "Does every channel and product have an owner in the business, and do requests land where they are handled?",
        "nl": "Heeft elk kanaal en product een eigenaar in de lijn, en landen aanvragen waar ze worden afgehandeld?",
    },
    "doc_question_4": {
        "en": "What should be done first to reach the next level?",
        "nl": "Wat moet als eerste gebeuren om het volgende niveau te bereiken?",
    },
    "doc_h_standard": {"en": "Standard of assessment", "nl": "Normenkader"},
    "doc_standard_text": {
        "en": "The organisation is measured against {checklists}: {rules} standards in {dimensions} dimensions, each with its source.",
        "nl": "De organisatie is getoetst aan {checklists}: {rules} normen in {dimensions} dimensies, elk met een bron.",
    },
    "doc_standard_changed": {
        "en": "For this audit the standard was changed as follows:",
        "nl": "Voor dit onderzoek is het normenkader als volgt aangepast:",
    },
    "doc_standard_unchanged": {
        "en": "No standard was switched off or changed for this audit.",
        "nl": "Voor dit onderzoek is geen norm uitgeschakeld of aangepast.",
    },
    "doc_standard_appendix": {
        "en": "Appendix D lists every standard with its outcome.",
        "nl": "Bijlage D geeft elke norm met de uitkomst.",
    },
    "doc_change_disabled": {"en": "switched off", "nl": "uitgeschakeld"},
    "doc_by_config": {"en": "the settings of this audit", "nl": "de instellingen van dit onderzoek"},
    "doc_change_severity": {"en": "weight {before} changed to {after}", "nl": "gewicht {before} gewijzigd in {after}"},
    "doc_change_param": {"en": "{what}: {before} changed to {after}", "nl": "{what}: {before} gewijzigd in {after}"},
    "doc_h_method": {"en": "Method", "nl": "Werkwijze"},
    "doc_method_text": {
        "en": "The facts come from the organisation's own description in the file {file}, as of {date}. Each standard was checked against those facts by the digimandate tool; nothing was observed on site.",
        "nl": "De feiten komen uit de beschrijving die de organisatie zelf heeft vastgelegd in het bestand {file}, met peildatum {date}. Elke norm is met het hulpmiddel digimandate aan die feiten getoetst; er is niets ter plaatse waargenomen.",
    },
    "doc_method_evidence": {
        "en": "Of the {checks} checks, {decided} ({share}) were decided by recorded facts.",
        "nl": "Van de {checks} toetsingen zijn er {decided} ({share}) beslist op vastgelegde feiten.",
    },
    "doc_method_basis": {
        "en": "Of the findings, {observed} rest on a recorded fact that falls short and {missing} on a fact that was not recorded; those are reported as not shown, and appendix C lists them as facts to collect.",
        "nl": "Van de bevindingen berusten er {observed} op een vastgelegd feit dat tekortschiet en {missing} op een feit dat niet is vastgelegd; die laatste heten niet aangetoond en staan in bijlage C als feiten om te verzamelen.",
    },
    "doc_method_levels": {
        "en": "Levels run from 1 (Ad hoc) to 5 (Learning). A dimension reaches a level only when, on every rung up to that level, at least one standard could be assessed and every assessed standard is met; a standard about many products or channels is met when enough of them meet it. A level is stated only when at least {minimum} of its checks were decided by recorded facts; a fact that was not recorded counts as not met.",
        "nl": "De niveaus lopen van 1 (Ad hoc) tot 5 (Lerend). Een dimensie bereikt een niveau alleen als op elke trede tot en met dat niveau minstens één norm kon worden getoetst en aan elke getoetste norm is voldaan; een norm over veel producten of kanalen is voldaan als genoeg ervan eraan voldoen. Een niveau wordt alleen vastgesteld als minstens {minimum} van de toetsingen op vastgelegde feiten berust; een feit dat niet is vastgelegd, telt als niet voldaan.",
    },
    "doc_level_insufficient": {"en": "too little evidence for a level", "nl": "te weinig gegevens voor een niveau"},
    "doc_h_progress": {"en": "Progress since the audit of {date}", "nl": "Voortgang sinds het onderzoek van {date}"},
    "doc_progress_counts": {
        "en": "Findings since the previous audit: resolved {fixed}, new {new}, still open {open}.",
        "nl": "Bevindingen sinds het vorige onderzoek: opgelost {fixed}, nieuw {new}, nog open {open}.",
    },
    "doc_h_findings": {"en": "Findings per dimension", "nl": "Bevindingen per dimensie"},
    "doc_label_why": {"en": "Why", "nl": "Waarom"},
    "doc_label_coverage": {"en": "Met", "nl": "Voldoet"},
    "doc_label_where": {"en": "Where", "nl": "Waar"},
    "doc_label_action": {"en": "Action", "nl": "Actie"},
    "doc_label_met": {"en": "Met", "nl": "Voldaan"},
    "doc_coverage_count": {"en": "{passed} of {applicable} ({share})", "nl": "{passed} van {applicable} ({share})"},
    "doc_many_places": {
        "en": "{count}, of which {missing} not shown: {names}.",
        "nl": "{count}, waarvan {missing} niet aangetoond: {names}.",
    },
    "doc_see_rec": {"en": "see recommendation {n}.", "nl": "zie aanbeveling {n}."},
    "doc_dimension_nothing": {
        "en": "No standard of this dimension applied.",
        "nl": "Geen norm van deze dimensie was van toepassing.",
    },
    "doc_h_conclusions": {"en": "Conclusions", "nl": "Conclusies"},
    "doc_conclusion_overall": {
        "en": "Overall, {org} is at {level}; the lowest dimension sets the level.",
        "nl": "Als geheel staat {org} op {level}; de laagste dimensie bepaalt het niveau.",
    },
    "doc_conclusion_next": {
        "en": "{dim} is at {level}; level {next} needs: {norms}.",
        "nl": "{dim} staat op {level}; voor niveau {next} is nodig: {norms}.",
    },
    "doc_conclusion_top": {"en": "{dim} is at {level}.", "nl": "{dim} staat op {level}."},
    "doc_conclusion_none": {
        "en": "No level can be stated for {dim}: too few facts were recorded.",
        "nl": "Voor {dim} is geen niveau vast te stellen: er zijn te weinig feiten vastgelegd.",
    },
    "doc_h_recommendations": {"en": "Recommendations", "nl": "Aanbevelingen"},
    "doc_recs_intro": {
        "en": "The actions in order: the largest impact for the least effort first, and never before the action they depend on (column After). Impact follows the weight of the standard and the number of requests a year it touches.",
        "nl": "De acties op volgorde: de grootste impact voor de minste inspanning eerst, en nooit voor de actie waarvan ze afhangen (kolom Na). De impact volgt het gewicht van de norm en het aantal aanvragen per jaar dat het raakt.",
    },
    "doc_recs_none": {"en": "There are no findings.", "nl": "Er zijn geen bevindingen."},
    "doc_rec_concerns": {"en": "Concerns: {names}.", "nl": "Betreft: {names}."},
    "doc_rec_volume": {"en": "({volume} requests a year)", "nl": "({volume} aanvragen per jaar)"},
    "doc_recs_follow_up": {
        "en": "We advise a follow-up audit on {date}.",
        "nl": "Wij adviseren een vervolgonderzoek op {date}.",
    },
    "doc_h_appendix_a": {"en": "Appendix A. Findings per product, channel and mandate", "nl": "Bijlage A. Bevindingen per product, kanaal en mandaat"},
    "doc_h_appendix_b": {"en": "Appendix B. Who owns what", "nl": "Bijlage B. Wie is eigenaar van wat"},
    "doc_h_appendix_c": {"en": "Appendix C. Not shown: facts to collect", "nl": "Bijlage C. Niet aangetoond: feiten om te verzamelen"},
    "doc_missing_intro": {
        "en": "These facts were not recorded. Until they are, the standards below count as not met.",
        "nl": "Deze feiten zijn niet vastgelegd. Zolang dat zo is, gelden de normen hieronder als niet voldaan.",
    },
    "doc_missing_none": {"en": "Every fact the standards need was recorded.", "nl": "Elk feit dat de normen nodig hebben, is vastgelegd."},
    "doc_h_appendix_d": {"en": "Appendix D. Every standard and its outcome", "nl": "Bijlage D. Alle normen en hun uitkomst"},
    "doc_h_appendix_e": {"en": "Appendix E. The role of the mandate holders", "nl": "Bijlage E. De rol van de mandaathouders"},
    "doc_job_intro": {
        "en": "The five job characteristics of Hackman and Oldham, per mandate: survey scores (1 to 7) where the holders completed the survey, otherwise estimates from the organisation's description. They describe the role, not the person.",
        "nl": "De vijf taakkenmerken van Hackman en Oldham per mandaat: scores uit de vragenlijst (1 tot 7) waar de houders die hebben ingevuld, anders schattingen op basis van de beschrijving van de organisatie. Ze beschrijven de rol, niet de persoon.",
    },
    "doc_estimate": {"en": "{grade} (estimate)", "nl": "{grade} (schatting)"},
    "doc_job_estimate_high": {"en": "high", "nl": "hoog"},
    "doc_job_estimate_medium": {"en": "medium", "nl": "middel"},
    "doc_job_estimate_low": {"en": "low", "nl": "laag"},
    "doc_char_skill_variety": {"en": "Skill variety", "nl": "Afwisseling"},
    "doc_char_task_identity": {"en": "Task identity", "nl": "Afgerondheid"},
    "doc_char_task_significance": {"en": "Task significance", "nl": "Belang"},
    "doc_char_autonomy": {"en": "Autonomy", "nl": "Zelfstandigheid"},
    "doc_char_feedback": {"en": "Feedback", "nl": "Terugkoppeling"},
    # the memo
    "doc_memo_kind_directie": {"en": "Memo to the management team", "nl": "DT-notitie"},
    "doc_memo_kind_college": {"en": "Proposal to the executive", "nl": "Collegevoorstel"},
    "doc_memo_subject": {
        "en": "A cross-departmental mandate for digital service delivery at {org}",
        "nl": "Afdelingsoverstijgend mandaat voor digitale dienstverlening bij {org}",
    },
    "doc_field_subject": {"en": "Subject", "nl": "Onderwerp"},
    "doc_field_to": {"en": "To", "nl": "Aan"},
    "doc_field_portfolio": {"en": "Portfolio holder", "nl": "Portefeuillehouder"},
    "doc_field_author": {"en": "Author", "nl": "Steller"},
    "doc_author_default": {"en": "the adviser on digital service delivery", "nl": "de adviseur digitale dienstverlening"},
    "doc_field_date": {"en": "Date", "nl": "Datum"},
    "doc_field_status": {"en": "Status", "nl": "Status"},
    "doc_status_decide": {"en": "for decision", "nl": "ter besluitvorming"},
    "doc_status_inform": {"en": "for information", "nl": "ter informatie"},
    "doc_h_decisions": {"en": "Decisions", "nl": "Beslispunten"},
    "doc_decisions_intro": {"en": "Proposed to {body}:", "nl": "Voorstel aan {body}:"},
    "doc_decisions_none": {
        "en": "Nothing needs deciding by {body}; this memo is for information.",
        "nl": "Er hoeft door {body} niets te worden besloten; deze notitie is ter informatie.",
    },
    "doc_decision_argument": {"en": "Argument: {text}", "nl": "Argument: {text}"},
    "doc_h_reason": {"en": "Background", "nl": "Aanleiding"},
    "doc_memo_reason": {
        "en": "{org} had its digital service delivery audited against Optimaal Digitaal tip 16 \"Give a cross-departmental mandate\", with facts as of {date}. The organisation is at {level}.",
        "nl": "{org} heeft de digitale dienstverlening laten toetsen aan Optimaal Digitaal tip 16 \"Geef afdelingsoverstijgend mandaat\", met peildatum {date}. De organisatie staat op {level}.",
    },
    "doc_h_effect": {"en": "Intended effect", "nl": "Beoogd effect"},
    "doc_memo_effect_partial": {
        "en": "These decisions bring the organisation closer to {level}: {description}. That level is reached only once the other actions for it in the advice report are done too.",
        "nl": "Deze besluiten brengen de organisatie dichter bij {level}: {description}. Dat niveau is pas bereikt als ook de andere acties daarvoor uit het adviesrapport zijn uitgevoerd.",
    },
    "doc_memo_effect": {
        "en": "With these decisions the organisation can reach {level}: {description}.",
        "nl": "Met deze besluiten kan de organisatie {level} bereiken: {description}.",
    },
    "doc_memo_effect_top": {
        "en": "The organisation keeps the highest level by continuing what it does.",
        "nl": "De organisatie houdt het hoogste niveau vast door voort te zetten wat zij doet.",
    },
    "doc_h_arguments": {"en": "Arguments", "nl": "Argumenten"},
    "doc_memo_no_findings": {
        "en": "The audit found nothing that falls short.",
        "nl": "Het onderzoek vond niets dat tekortschiet.",
    },
    "doc_memo_findings": {
        "en": "The audit has {count}, {urgent} of them of high weight. The main ones:",
        "nl": "Het onderzoek heeft {count}, waarvan {urgent} met een hoog gewicht. De belangrijkste:",
    },
    "doc_memo_argument": {"en": "{norm}: not met for {where}.", "nl": "{norm}: niet voldaan bij {where}."},
    "doc_h_caveats": {"en": "Points to note", "nl": "Kanttekeningen"},
    "doc_caveat_awb": {
        "en": "\"Mandate\" here means an organisational mandate with the power to push decisions through across departments, not a mandate to take decisions on behalf of an administrative body under title 10.1 of the General Administrative Law Act (Awb).",
        "nl": "\"Mandaat\" is hier een organisatorisch mandaat met doorzettingsmacht over de afdelingen heen, geen mandaat om namens een bestuursorgaan besluiten te nemen als bedoeld in titel 10.1 van de Algemene wet bestuursrecht.",
    },
    "doc_caveat_wor": {
        "en": "Shifting powers from managers to a mandate holder may need the works council's advice (Works Councils Act, article 25).",
        "nl": "Een verschuiving van bevoegdheden van leidinggevenden naar een mandaathouder kan adviesplichtig zijn voor de ondernemingsraad (WOR artikel 25).",
    },
    "doc_and": {"en": "and", "nl": "en"},
    "doc_caveat_insufficient": {
        "en": "No level could be stated for {dims}: too few facts were recorded. The overall level rests on the other dimensions.",
        "nl": "Voor {dims} is geen niveau vastgesteld: er zijn te weinig feiten vastgelegd. Het totale niveau berust op de andere dimensies.",
    },
    "doc_caveat_not_assessed": {
        "en": "No level could be stated for {dims}: too few facts were recorded or no standard applied. The overall level rests on the other dimensions.",
        "nl": "Voor {dims} is geen niveau vastgesteld: er zijn te weinig feiten vastgelegd of er gold geen norm. Het totale niveau berust op de andere dimensies.",
    },
    "doc_caveat_missing": {
        "en": "Of the findings, {count} concern facts that were not recorded; collecting them may show that more is in order than this memo states.",
        "nl": "Van de bevindingen gaan er {count} over feiten die niet zijn vastgelegd; als die worden verzameld, kan blijken dat meer op orde is dan deze notitie stelt.",
    },
    "doc_caveat_continuity": {
        "en": "The organisation-wide mandate rests on one holder; without a deputy it stops when that role is vacant.",
        "nl": "Het organisatiebrede mandaat rust op één houder; zonder vervanger valt het stil als die rol onbezet is.",
    },
    "doc_caveat_waived": {
        "en": "For {count} findings an exception was granted for now; they are not in this memo.",
        "nl": "Voor {count} bevindingen is voorlopig een uitzondering verleend; ze staan niet in deze notitie.",
    },
    "doc_h_finance": {"en": "Finance", "nl": "Financiën"},
    "doc_finance_none": {"en": "This memo has no financial consequences.", "nl": "Deze notitie heeft geen financiële gevolgen."},
    "doc_finance_fte": {
        "en": "The mandate needs at least {fte} FTE of the holders' time; the costs are still to be estimated and come with the decision.",
        "nl": "Het mandaat vraagt minstens {fte} fte aan tijd van de houders; de kosten zijn nog te ramen en komen bij het besluit.",
    },
    "doc_finance_estimate": {
        "en": "The decisions ask time of existing staff; the costs are still to be estimated.",
        "nl": "De besluiten vragen tijd van bestaande medewerkers; de kosten zijn nog te ramen.",
    },
    "doc_h_communication": {"en": "Communication", "nl": "Communicatie"},
    "doc_communication": {
        "en": "After the decision the mandate and its holders are announced to the whole organisation: on the intranet, in the management meeting and in the departments.",
        "nl": "Na het besluit worden het mandaat en de houders aan de hele organisatie bekendgemaakt: via intranet, in het managementoverleg en op de afdelingen.",
    },
    "doc_h_follow_up": {"en": "Implementation and follow-up", "nl": "Uitvoering en vervolg"},
    "doc_follow_up": {
        "en": "The actions follow the order of the advice report. A follow-up audit on {date} shows what they achieved.",
        "nl": "De acties volgen de volgorde van het adviesrapport. Een vervolgonderzoek op {date} laat zien wat ze hebben opgeleverd.",
    },
    "doc_follow_other": {
        "en": "{count} further decisions belong to {body}; they follow in a separate memo.",
        "nl": "Over {count} andere besluiten beslist {body}; die volgen in een aparte notitie.",
    },
    "doc_h_attachments": {"en": "Attachments", "nl": "Bijlagen"},
    "doc_attachment_report": {"en": "Advice report: {org}", "nl": "Adviesrapport: {org}"},
    # rendering and writing
    "doc_page": {"en": "Page", "nl": "Pagina"},
    "docx_needs_output": {
        "en": "a Word document cannot be written to standard output",
        "nl": "een Word-document kan niet naar standaarduitvoer worden geschreven",
    },
    "docx_needs_output_hint": {"en": "name a file with -o, for example -o advies.docx", "nl": "noem een bestand met -o, bijvoorbeeld -o advies.docx"},
    "reference_docx_needs_docx": {
        "en": "--reference-docx gives the house style of a Word document",
        "nl": "--reference-docx geeft de huisstijl van een Word-document",
    },
    "reference_docx_needs_docx_hint": {"en": "add -f docx", "nl": "voeg -f docx toe"},
    "reference_docx_missing": {"en": "{file}: the reference document does not exist", "nl": "{file}: het referentiedocument bestaat niet"},
    "reference_docx_missing_hint": {"en": "name a Word file (.docx) with the house style", "nl": "noem een Word-bestand (.docx) met de huisstijl"},
    "reference_docx_invalid": {"en": "{file}: the reference document is not a Word file (.docx)", "nl": "{file}: het referentiedocument is geen Word-bestand (.docx)"},
    "reference_docx_invalid_hint": {
        "en": "save the house style from Word as .docx (a .dotx template or .doc will not do)",
        "nl": "sla de huisstijl vanuit Word op als .docx (een .dotx-sjabloon of .doc werkt niet)",
    },
})
