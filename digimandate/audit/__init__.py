"""Stage 2, check and score: checklists, queries, rules, waivers, baselines, maturity and the frozen result.

Owns everything from a validated organisation to an AuditResult; may import model, never render or cli.
"""
