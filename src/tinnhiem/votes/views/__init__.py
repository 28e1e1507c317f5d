"""The pages of a vote session: the session and its steps (sessions.py), the paper count
(counting.py), the results and documents (results.py). `access.session_for` is what the pages of
the channels built on votes (scans, evote) use too."""
