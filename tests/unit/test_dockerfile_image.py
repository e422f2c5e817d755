"""Base images whose default command is known (dockerfile_image)."""


def test_server_images_run_their_own_command():
    from deploylint.formats.dockerfile_image import runs_own_server

    for image in ("nginx", "nginx:1.27-alpine", "docker.io/library/nginx:latest", "nginxinc/nginx-unprivileged:stable",
                  "redis:7", "postgres@sha256:abc", "bitnami/redis:7.2", "caddy:2"):
        assert runs_own_server(image), image
    for image in ("python:3.12-slim", "node:22", "ubuntu", "ghcr.io/acme/nginx:1", "nginx-bot", "my/nginx", ""):
        assert not runs_own_server(image), image
