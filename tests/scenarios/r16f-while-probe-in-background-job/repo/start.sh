#!/bin/bash
# register with the service registry once the local health probe passes
register() {
    while ! healthprobe --url "http://localhost:$PORT/health"; do
        sleep 1
    done
    if registryctl status --quiet; then
        echo "registry up"
    fi
}
register &
exec gunicorn app:app --bind "0.0.0.0:$PORT"
