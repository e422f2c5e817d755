#!/bin/sh
set -e
docker build -t registry.example.com/poller:latest .
docker push registry.example.com/poller:latest
docker stack deploy --with-registry-auth -c swarm.yml poller
