#!/bin/sh
set -e
go build -o bin/api-server ./cmd/server
