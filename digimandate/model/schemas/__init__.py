"""JSON Schemas: the organisation model (generated from the models) and the JSON result (written)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORGANISATION_SCHEMA = HERE / "organisation-v1.schema.json"
RESULT_SCHEMA = HERE / "result-v1.schema.json"


def organisation_schema() -> dict[str, object]:
    """The JSON Schema of the organisation model, generated from the pydantic models."""
    from digimandate.model.org import OrgModel

    schema = OrgModel.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def organisation_schema_text() -> str:
    """The organisation schema as stable, indented JSON text."""
    return json.dumps(organisation_schema(), indent=2, ensure_ascii=False) + "\n"
