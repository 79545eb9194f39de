"""Writing a meeting: `protogen new`, `protogen status`, `protogen schema` and `protogen serve`.

These are the commands that write into protokoll/ on the secretary's behalf (besides `sign`).
Each writes whole files atomically, never overwrites a file it did not create, and edits an
existing file only at the value it changes, so the user's comments and layout stay.
"""
