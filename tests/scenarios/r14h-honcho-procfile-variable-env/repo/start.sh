#!/bin/sh
exec honcho -f "Procfile.$STAGE" start
