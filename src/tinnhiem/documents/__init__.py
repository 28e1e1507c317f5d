"""Documents: ballots, minutes, reports and spreadsheets. No Django import: the votes app builds
the plain data in `tinnhiem.documents.data` and these modules render it."""
