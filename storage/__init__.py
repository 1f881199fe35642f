"""The only code that talks to SQLite: schema, migrations, typed records, queries, validation.

Nothing here imports Qt, so the CLI and the exporters run without a display. The modules stay in
one flat folder; this map groups them by what they are about:

- the file and its safety: `db` (opens the practice), `connect` (the one place a connection is
  made), `sqlite` (the SQLCipher driver), `file_check` (damaged or not, as SQLite judges),
  `migrations`, `schema/`, `durability`, `errors`, `instance_lock`, `writers_gate`, `os_lock`,
  `private_files`, `start_checks`, `health_check`, `domain_rules`, `text_policy`, `clock`
- backups: `backups`, `backup_copy`, `backup_names`, `backup_rotation`
- encryption at rest: `keys` (the key, the keyring, the recovery key), `encryption` (status,
  encrypt, decrypt, recover)
- clients and engagements: `clients`, `engagements`, `engagement_lifecycle`, `settings`
- time: `time_entries`, `durations`, `weeks`, `week_report`, `timesheet`, `timer`
- decisions: `decisions`, `decision_chain`, `decision_cost`, `decision_list`, `decision_search`
- across clients: `commitments` (commitment periods), `capacity`, `portfolio`, `portfolio_rows`
- month-end: `months`, `month_report`, `month_amounts`, `instalments` (fixed-fee instalments),
  `invoices` (drafts from the month, status, no edits once sent), `invoice_numbers` (the sequence)
- the exit plan: `milestones`, `responsibilities`, `plan_order`, `readiness`, `readiness_checks`,
  `readiness_snapshots`
- shared by the record modules: `rows` (typed table writes), `validation`, `apportion` (shares
  that add up to their total), `snapshots` (what a
  delete takes with it, for undo)
- `sample/`: the deterministic sample practice
"""

from storage import sqlite as _driver  # noqa: F401 - SQLCipher before sqlite-utils binds a driver
