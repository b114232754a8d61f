"""Results sent from worker processes: shared objects by reference, the model only when asked for."""

from __future__ import annotations

import pytest

from digimandate.audit.flow import audit_file
from digimandate.audit.result import AuditResult
from digimandate.audit.specs import RuleSet
from digimandate.cli.transport import pack, unpack
from digimandate.errors import InputError, Location, problem
from tests.conftest import EXAMPLES


def test_a_result_without_its_model_says_so(ruleset: RuleSet) -> None:
    result = audit_file(EXAMPLES / "small-municipality.yaml", ruleset)
    slim = unpack(pack(result, ruleset, keep_model=False), ruleset)
    assert isinstance(slim, AuditResult) and slim.model is None
    with pytest.raises(RuntimeError, match=f"^the result of {result.file} was kept without its organisation model$"):
        slim.organisation_model()
    assert unpack(pack(result, ruleset, keep_model=True), ruleset) == result


def test_input_errors_survive_packing(ruleset: RuleSet) -> None:
    error = InputError([problem(Location("a.yaml", 3, 7), "organisation.type", "bad_enum", "allowed_values",
                                allowed="gemeente", found="'stad'", suggestion="")])
    back = unpack(pack(error, ruleset, keep_model=False), ruleset)
    assert isinstance(back, InputError) and back.format("en") == error.format("en")
