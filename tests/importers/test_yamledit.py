"""Changed data written into its YAML text: only what changed, the rest byte for byte, or None."""

from __future__ import annotations

import yaml

from digimandate.importers.yamledit import patch

TEXT = """# my notes
organisation: {name: Dijkveld}   # kept

processes:
  - id: a
    name: A   # the first
    owner:
  - {id: b, name: B}
  - id: d
    tags: [x]   # the tags
  - id: e
    steps:
      - one   # the last step

  # the end
"""


def test_added_and_changed_values_are_written_where_they_stand() -> None:
    old = yaml.safe_load(TEXT)
    new = yaml.safe_load(TEXT)
    new["processes"][0]["owner"] = "joyce"
    new["processes"][0]["source"] = ["s1"]
    new["processes"][1]["owner"] = "rob"
    new["processes"][2]["tags"].append("y")
    new["processes"][2]["owner"] = "ahmed"  # a key after a line that ends in a comment: the comment stays there
    new["processes"][3]["steps"].append("two")
    new["processes"].append({"id": "c", "name": "C"})
    new["sources"] = [{"id": "s1", "type": "interview"}]
    out = patch(TEXT, old, new)
    assert out is not None and yaml.safe_load(out) == new
    assert out == """# my notes
organisation: {name: Dijkveld}   # kept

processes:
  - id: a
    name: A   # the first
    owner: joyce
    source:
    - s1
  - {id: b, name: B, owner: rob}
  - id: d
    tags: [x, y]   # the tags
    owner: ahmed
  - id: e
    steps:
      - one   # the last step
      - two
  - id: c
    name: C
sources:
- id: s1
  type: interview

  # the end
"""


def test_what_cannot_be_changed_in_place_is_left_to_the_caller() -> None:
    old = yaml.safe_load(TEXT)
    new = yaml.safe_load(TEXT)
    del new["organisation"]
    assert patch(TEXT, old, new) is None
    assert patch("- a\n", ["a"], ["a", "b"]) is None  # not a mapping at the top
    assert patch(TEXT, old, old) == TEXT
