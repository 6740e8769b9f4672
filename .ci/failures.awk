# Filters `dotnet test` output for the CI log: each assembly's summary ("Passed!  - Failed: 0, …"), and for each failed
# test its "Failed NAME" line with its error message and the first lines of its stack trace (the message is what says
# why; without it a flaky failure cannot be told from a real one), and any line mentioning an error.
/^(Passed|Failed)!/            { print; msg = 0; stack = 0; next }
/Test host process crashed|Test Run Aborted/ { print; stack = 6; next }   # a crash ends the run: say so and show where
/^[[:space:]]+Failed /         { print; msg = 1; lines = 0; stack = 0; next }
msg && /^[[:space:]]+Stack Trace:/ { print; msg = 0; stack = 4; next }
msg && /^[[:space:]]+(Standard Output Messages|Standard Error Messages):/ { msg = 0; next }
msg                            { if (++lines <= 80) print; else if (lines == 81) print "      (message cut at 80 lines)"; next }
stack > 0                      { print; stack--; next }
/error/                        { print }
