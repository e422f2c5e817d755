#!/bin/sh
set -e
go build -o bin/relayctl ./cmd/relay
