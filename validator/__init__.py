"""Guide validator: checks the Hunan APEC account-registration guide against a browser run.

It reads the guide's Markdown transcription and the harness's run record, and reports per
section and item: coverage, UI claims (labels, positions), consistency within the guide and
example values; outputs an illustrated guide (HTML, PDF, Markdown) and a JSON report.
"""
