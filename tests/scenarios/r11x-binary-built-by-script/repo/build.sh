#!/bin/sh
set -e
go build -o bin/relay ./cmd/relay
docker build -t relay .
