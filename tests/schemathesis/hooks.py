"""Schemathesis hooks for `cargo xtask test` (see xtask/src/schemathesis.rs).

Every POST needs a fresh `Idempotency-Key`: a key generated twice for different
requests is rightly refused (422 `idempotency-key-reused`), and Hypothesis repeats
simple values often, which would hide most POST bodies from the server. So a
well-formed generated key is replaced by a unique one; missing or malformed keys
(negative tests) are sent as generated. Keys are numbered, so a run stays
reproducible from its seed.
"""

import itertools
import re

import schemathesis

_WELL_FORMED = re.compile(r"^[!-~](?:[ -~]{0,253}[!-~])?$")
_NUMBERS = itertools.count(1)


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.method.upper() != "POST" or case.headers is None:
        return
    key = case.headers.get("Idempotency-Key")
    if isinstance(key, str) and _WELL_FORMED.match(key):
        case.headers["Idempotency-Key"] = f"schemathesis-{next(_NUMBERS)}"
