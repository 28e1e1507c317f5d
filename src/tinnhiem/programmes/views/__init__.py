"""The programme pages, by group: the programmes and their tasks (`pages`), the agency's
updates and the office's decisions (`updates`), the dashboard (`dashboard`), targets, KTGS,
cases and reform (`oversight`), the task sheet's import and export (`sheets`), a task's
sub-tasks per agency (`subtasks`), the frozen period snapshots (`snapshots`)."""
