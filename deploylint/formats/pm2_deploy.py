"""PM2 apps as a server deploy sees them: a server working directory that holds the build
output (`cwd: '/srv/app'`, `script: 'index.js'` of the checkout's dist/), and `env_file`
keys, which PM2 never reads as a file."""
from __future__ import annotations

import posixpath

from ..repo import Repo, join
from ..code.js_static import DirPath


def deployed_build(repo: Repo, root: str, script):
    """For `cwd: '/var/www/api', script: 'index.js'` when the checkout has no index.js but
    its package.json `main` is `dist/index.js`: the server directory holds the build
    output (a deploy copies dist/ there), so the script is the checkout's dist/index.js."""
    if not isinstance(script, str) or isinstance(script, DirPath) or not script or script.startswith(("/", "~")) \
            or repo.exists(join(root, script)):
        return script
    from ..jsonfile import load

    if not repo.exists(join(root, "package.json")):
        return script  # (not read: a file that is not there is no unreadable file, DPL001)
    doc = load(repo, join(root, "package.json"))
    main = doc.data.get("main") if doc is not None and isinstance(doc.data, dict) else None
    folder = posixpath.dirname(posixpath.normpath(main)) if isinstance(main, str) and main else ""
    if not folder or folder.startswith(("..", "/")):
        return script
    candidate = join(folder, script)
    if repo.exists(join(root, candidate)):
        return candidate
    from ..runners.node import source_for

    return candidate if source_for(repo, join(root, candidate))[0] else script


def env_files(repo: Repo, path: str, plain, locate) -> None:
    """`env_file: '.env'` is no PM2 option: PM2 reads every `env_<name>` key as the
    environment `pm2 start --env <name>` selects, so the file is never loaded. Said
    plainly here (instead of the schema's "should be object")."""
    apps = plain.get("apps") if isinstance(plain, dict) else None
    for index, app in enumerate(apps if isinstance(apps, list) else []):
        if isinstance(app, dict) and isinstance(app.get("env_file"), str):
            del app["env_file"]
            repo.problem("DPL002", locate(("apps", index, "env_file")),
                         f"{path}: `apps.{index}.env_file` is not a PM2 option: PM2 reads `env_<name>` keys as the "
                         "environment `pm2 start --env <name>` selects, so this file is never loaded",
                         "load the file in the app (dotenv) or with `node_args: '--env-file=.env'` (Node 20.6+), "
                         "or list the variables under `env`")
