#!/usr/bin/env bash
# A stand-in for the casebook binary in the harness's commands (bench/queries.sh):
# prints the statements it is given on its standard input, so that bench/fair.sh
# can write them to a script file that Casebook is then started on directly.
exec cat
