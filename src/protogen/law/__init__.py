"""The law as arithmetic: what Kommunallagen (2017:725) and its neighbours decide, as pure functions.

Everything here reads only `protogen.model` (and the `holidays` and Babel libraries for the
calendar); nothing reads files or writes output. The rules under `protogen.rules` and the
documents under `protogen.render` and `protogen.site` ask these modules, so a check and a
document can never count a deadline or a vote differently.

- `dates` — vardagar and deadlines: Lag (1930:173) om beräkning av lagstadgad tid; justering
  within 14 days (KL 5 kap. 69 §, 6 kap. 35 §), anslag by the second day after it
  (KL 8 kap. 12 §), the three weeks of laglighetsprövning (KL 13 kap. 5 §).
- `anslag` — when each notice on the anslagstavla goes up and comes down (the protocol's
  justering, omedelbart justerade §§, fullmäktige's kungörelse, other notices).
- `participation` — who decides in each §: ledamöter present, serving ersättare, less jäv
  (KL 6 kap. 27-32 §§).
- `voting` — the outcome of an omröstning, with the chair's utslagsröst on a tie.
- `numbering` — the § numbers of a board's series and the "§§ 1–2, 6–9" spec.
"""
