"""Kubernetes manifests (plain YAML and kustomize bases; Helm templates are skipped).

Workloads (https://kubernetes.io/docs/concepts/workloads/controllers/): Deployment and
StatefulSet run `spec.replicas` pods (default 1); a DaemonSet runs one pod per node; a
CronJob starts a Job on its schedule (formats/kubernetes_cron.py: concurrencyPolicy);
a Job (https://kubernetes.io/docs/concepts/workloads/controllers/job/#parallel-jobs) runs
`spec.parallelism` pods at once (default 1), never more than `spec.completions` when that
is set: a program that never exits runs in min(parallelism, completions) copies, and with
parallelism 1 the completions run one after another (one copy at a time);
a HorizontalPodAutoscaler (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/)
keeps its target between `minReplicas` (default 1) and `maxReplicas`. Each container runs
`command` in place of the image's ENTRYPOINT and `args` in place of its CMD
(https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/);
without them the image's own; an image built from a Dockerfile in the repository is
matched by name (a repository with no Dockerfile deploys images built elsewhere: a
relative path their command names is in the image, not missing here). A Deployment's default RollingUpdate strategy (maxSurge 25 %, rounded
up) starts the new pod before it stops the old one; `strategy.type: Recreate` stops first
(https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy).
Kustomize `replicas:` entries and patches that set `spec.replicas` are overlays: the
largest count is reported, with where it comes from. Manifests in one directory are
applied together (one target); two manifests of one directory with the same kind,
namespace and name are one object (variants of one Deployment are not two Deployments):
the first one is analysed.
"""
from __future__ import annotations

import posixpath
import re
from ..record import dataclass

from ..model import PER_ASSUMED, Copies, Launch, Location, Overlap, Target
from ..repo import Repo
from . import platform_common as kit
from .kubernetes_text import placeholder_documents, script_located
from .names import is_dockerfile, is_kubernetes_candidate
from ..patterns import lazy_re

DOCS = "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/"
ENVSUBST = "when the manifest is rendered (`envsubst`, a CI template) before `kubectl apply`"
WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job")
QUICK = lazy_re(rb"^kind:\s*[\"']?(Deployment|StatefulSet|DaemonSet|CronJob|Job|HorizontalPodAutoscaler|Kustomization)\b", re.M)
PUBLIC_IMAGES = frozenset({
    "redis", "postgres", "mysql", "mariadb", "mongo", "nginx", "rabbitmq", "memcached", "busybox", "alpine",
    "ubuntu", "debian", "traefik", "grafana", "prometheus", "caddy", "httpd", "haproxy", "elasticsearch",
    "minio", "etcd", "envoy", "vault", "consul", "kafka", "zookeeper", "pgbouncer", "valkey", "clickhouse",
})


@dataclass
class Doc:
    path: str
    data: dict
    location: Location


def _documents(repo: Repo, path: str, quiet: bool = False) -> list[Doc]:
    return repo.memo(("k8s", path), lambda: _load(repo, path, quiet)) or []


def _load(repo: Repo, path: str, quiet: bool = False, text: str | None = None) -> list[Doc]:
    if text is None:
        text = repo.peek(path) if quiet else repo.read_text(path)
    if text is None:
        return []
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from .. import yamlfile
    from ..safe import MAX_DEPTH, TooDeep, deep_line, skipped, value_depth, yaml_depth

    if yaml_depth(text) > MAX_DEPTH:  # before ruamel recurses into it
        if not quiet:
            skipped(repo, path, path, TooDeep(MAX_DEPTH, deep_line(text)))
        return []
    docs = []
    try:
        for data in _relevant_documents(text):
            if value_depth(data) > MAX_DEPTH:  # aliases of aliases nest without indentation
                if not quiet:
                    skipped(repo, path, path, TooDeep(MAX_DEPTH))
                return []
            if yamlfile._expanded_size(data, {}) > yamlfile.MAX_EXPANDED_NODES:
                repo.problem("DPL001", Location(path, 1, 1), "YAML aliases expand past the limit (an alias bomb); not analysed",
                             "remove the recursive or repeated aliases")
                return []
            if isinstance(data, dict) and isinstance(data.get("kind"), str):
                docs.append(Doc(path, data, yamlfile.where(path, data)))
            if len(docs) > 1000:
                break
    except (MarkedYAMLError, YAMLError, RecursionError, ValueError) as error:
        if quiet:
            return []
        if not isinstance(error, MarkedYAMLError):
            repo.problem("DPL001", Location(path, 1, 1), f"invalid YAML: {type(error).__name__}", "fix the YAML syntax")
            return []
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path, 1, 1)
        repo.problem("DPL001", where, f"invalid YAML: {' '.join(str(error.problem or error.context or 'invalid YAML').split())}",
                     "fix the YAML syntax")
        return []
    return docs


_DOCUMENT_START = lazy_re(r"^---(?=\s|$)", re.M)
_RELEVANT = lazy_re(r"^\s*kind:\s*[\"']?(Deployment|StatefulSet|DaemonSet|CronJob|Job|HorizontalPodAutoscaler|Kustomization)\b", re.M)


def _relevant_documents(text: str):
    """The documents of a multi-document manifest that can matter here (workloads, HPAs,
    kustomizations), each parsed on its own: ruamel reads ~100 KB/s, and a cluster's
    Services, Ingresses, ConfigMaps and Secrets are most of the text. Each document is
    parsed on its own and its line numbers moved down by the lines before it (prefixing
    that many newlines instead made ruamel scan them again for every document: quadratic),
    so every location stays right."""
    from ..yamlfile import parse_all, shift_lines

    starts = [0, *(m.start() for m in _DOCUMENT_START.finditer(text) if m.start())]
    if len(starts) == 1:
        yield from parse_all(text)
        return
    line = 0
    for begin, end in zip(starts, [*starts[1:], len(text)]):
        segment = text[begin:end]
        if _RELEVANT.search(segment):
            for data in parse_all(segment):
                yield shift_lines(data, line)
        line += segment.count("\n")


def _get(node, *keys):
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def targets(repo: Repo) -> list[Target]:
    manifests = []
    for path in repo.named(is_kubernetes_candidate):
        text = repo.peek(path, QUICK)
        if not text:
            continue
        manifests.append((path, "{{" in text or "{%" in text))
    if not manifests:
        return []
    # Helm templates of a chart are read statically (formats/helm.py); other templates (Jinja,
    # a bare `{{ }}` file outside a chart) are not manifests until rendered: skipped
    docs = [doc for path, templated in manifests if not templated for doc in _documents(repo, path)]
    helm_sources: dict[str, dict] = {}
    for path, templated in manifests:
        if templated:
            docs.extend(_helm_documents(repo, path, helm_sources) or placeholder_documents(repo, path, _load))
    overrides = _overrides(repo, docs)
    by_dir: dict[str, Target] = {}
    seen: set[tuple] = set()
    for doc in docs:
        if doc.data.get("kind") not in WORKLOADS or not _containers(doc):
            continue
        directory = posixpath.dirname(doc.path)
        # one object: a second manifest (another file of the directory, a variant, a patch)
        # of the same kind, namespace and name configures the workload the first one
        # defines, it does not start a second one (`kubectl apply -f dir/` keeps one)
        namespace = _get(doc.data, "metadata", "namespace")
        key = (directory, doc.data.get("kind"), str(namespace) if isinstance(namespace, (str, int)) else "", _name(doc))
        if key in seen and key[-1] != "?":
            continue
        seen.add(key)
        target = by_dir.get(directory)
        if target is None:
            target = by_dir[directory] = Target("kubernetes", directory or ".", Location(doc.path, 1, 1))
        made = _launches(repo, doc, overrides)
        if doc.path in helm_sources:
            _point_at_values(made, helm_sources[doc.path])
        target.launches.extend(made)
    return list(by_dir.values())


def _helm_documents(repo: Repo, path: str, sources: dict) -> list[Doc]:
    """The documents of a chart's template, rendered statically with values.yaml; a
    template that does not render to YAML costs nothing (Helm reports its own errors)."""
    from . import helm

    chart = helm.chart_of(repo, path)
    if chart is None:
        return []
    text = repo.peek(path)
    if not text:
        return []
    best: tuple[int, list[Doc], dict] | None = None
    from ..safe import LimitExceeded, skipped

    for variant in helm.variants(repo, chart):  # values.yaml, then each values-*.yaml over it
        try:
            rendered = helm.render(variant, text)
        except LimitExceeded as error:  # past the renderer's budget: said once, for the template
            skipped(repo, path, f"Helm template {path}", error)
            return []
        if rendered is None or not _RELEVANT.search(rendered.text):
            continue
        docs = _load(repo, path, quiet=True, text=rendered.text)
        score = max((_replicas(doc) for doc in docs), default=0)
        if best is None or score > best[0]:
            best = (score, docs, rendered.sources)
    if best is None:
        return []
    sources[path] = best[2]
    return best[1]


def _replicas(doc: Doc) -> int:
    """The largest count a rendered document sets (replicas, HPA min/max, Job parallelism)."""
    spec = doc.data.get("spec")
    if not isinstance(spec, dict):
        return 0
    values = [spec.get(key) for key in ("replicas", "minReplicas", "maxReplicas", "parallelism")]
    return max((v for v in values if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 10**6), default=0)


def _point_at_values(launches: list[Launch], sources: dict) -> None:
    """A count a chart template prints from `.Values` is set in values.yaml: point there."""
    for launch in launches:
        copies = launch.copies
        at = copies.location
        if at is None or at.line not in sources:
            continue
        value_path, where = sources[at.line]
        launch.copies = Copies(copies.count, f"{copies.reason} (`{value_path}` in {where.path}, printed at "
                                             f"{at.path}:{at.line})", where, copies.assumed, copies.pm2, copies.switch)


def _name(doc: Doc) -> str:
    name = _get(doc.data, "metadata", "name")
    return str(name) if isinstance(name, (str, int)) else "?"


def _containers(doc: Doc) -> list:
    if doc.data.get("kind") == "CronJob":
        containers = _get(doc.data, "spec", "jobTemplate", "spec", "template", "spec", "containers")
    else:
        containers = _get(doc.data, "spec", "template", "spec", "containers")
    return [c for c in containers if isinstance(c, dict)] if isinstance(containers, list) else []


def _overrides(repo: Repo, docs: list[Doc]) -> dict[tuple[str, str], list[Copies]]:
    """Replica counts set elsewhere for a workload (kind, name): HPAs, kustomize
    `replicas:` entries, patches without containers."""
    from .. import yamlfile

    found: dict[tuple[str, str], list[Copies]] = {}
    for doc in docs:
        kind, data = doc.data.get("kind"), doc.data
        if kind == "HorizontalPodAutoscaler":
            ref = _get(data, "spec", "scaleTargetRef") or {}
            spec = data.get("spec") if isinstance(data.get("spec"), dict) else {}
            low = kit.count(repo, spec.get("minReplicas"), yamlfile.value_where(doc.path, spec, "minReplicas"),
                            "HPA minReplicas", default=1, minimum=0, variables=ENVSUBST)
            high = kit.count(repo, spec.get("maxReplicas"), yamlfile.value_where(doc.path, spec, "maxReplicas"),
                             "HPA maxReplicas", default=1, minimum=1, variables=ENVSUBST)
            if isinstance(ref, dict) and ref.get("name"):
                key = (str(ref.get("kind", "Deployment")), str(ref["name"]))
                if low and low > 1:
                    copies = Copies(low, f"HPA `{_name(doc)}` minReplicas = {low}", yamlfile.where(doc.path, spec, "minReplicas"))
                elif high and high > 1:
                    copies = Copies(high, f"HPA `{_name(doc)}` may scale to maxReplicas = {high}",
                                    yamlfile.where(doc.path, spec, "maxReplicas"))
                else:
                    continue
                found.setdefault(key, []).append(copies)
        elif kind == "Kustomization" and isinstance(data.get("replicas"), list):
            for item in data["replicas"]:
                if isinstance(item, dict) and item.get("name") is not None:
                    where = yamlfile.value_where(doc.path, item, "count")
                    number = kit.count(repo, item.get("count"), where, "kustomize replicas count", default=None)
                    if number is not None:
                        copies = Copies(number, f"kustomize replicas `{item['name']}` count = {number} ({doc.path})", where)
                        for workload in WORKLOADS:
                            found.setdefault((workload, str(item["name"])), []).append(copies)
        elif kind in WORKLOADS and not _containers(doc):
            spec = data.get("spec")
            if isinstance(spec, dict) and "replicas" in spec:
                where = yamlfile.value_where(doc.path, spec, "replicas")
                number = kit.count(repo, spec.get("replicas"), where, "spec.replicas", default=None)
                if number is not None:
                    found.setdefault((kind, _name(doc)), []).append(
                        Copies(number, f"patch {doc.path} replicas = {number}", where))
    return found


def _launches(repo: Repo, doc: Doc, overrides) -> list[Launch]:
    from .. import yamlfile

    kind, name, data = doc.data["kind"], _name(doc), doc.data
    spec = data.get("spec") if isinstance(data.get("spec"), dict) else {}
    cron_overlap = None  # (Launch.schedule stays empty: its wording is Railway's, one run at a time)
    if kind == "DaemonSet":
        copies = Copies(PER_ASSUMED, "DaemonSet: one pod per node", yamlfile.where(doc.path, data, "kind"),
                        assumed=True, switch="run it as a Deployment with `replicas: 1` (a DaemonSet runs a pod on "
                        "every node)", per="node")
    elif kind == "CronJob":
        from .kubernetes_cron import cron_runs

        _, copies, cron_overlap = cron_runs(repo, doc.path, name, spec)
        job_spec = _get(spec, "jobTemplate", "spec")
        if copies.count and isinstance(job_spec, dict):
            copies = copies.times(_job_copies(repo, doc, f"CronJob `{name}` jobTemplate", job_spec))
    elif kind == "Job":
        copies = _job_copies(repo, doc, f"Job `{name}`", spec)
    else:
        where = yamlfile.value_where(doc.path, spec, "replicas")
        number = kit.count(repo, spec.get("replicas"), where, f"{kind} `{name}` spec.replicas", default=1,
                             variables=ENVSUBST) \
            if "replicas" in spec else 1
        copies = Copies(number, f"{kind} `{name}` replicas = {number}", yamlfile.where(doc.path, spec, "replicas")) \
            if number != 1 else Copies()
    for other in overrides.get((kind, name), []):
        if other.count > copies.count:
            copies = other
    overlap = _overlap(doc, spec) if kind == "Deployment" else cron_overlap
    launches = []
    guessed_image = None  # the image given the repository's only Dockerfile for want of a name match
    for container in _containers(doc):
        cname = str(container.get("name", "?"))
        where = yamlfile.where(doc.path, container, "name") if "name" in container else yamlfile.where(doc.path, container)
        label = f"{kind} `{name}` container `{cname}`"
        entry = kit.shell_command(yamlfile.value_where(doc.path, container, "command"), _words(container.get("command")))
        args = kit.shell_command(yamlfile.value_where(doc.path, container, "args"), _words(container.get("args")))
        if entry is not None and entry.shell is not None:
            entry = None
        if args is not None and args.shell is not None:
            args = None
        entry, args = script_located(doc.path, container, entry, args)
        external = _third_party(container.get("image"))
        dockerfile = None if external else _dockerfile(repo, container.get("image"))
        if dockerfile is not None and not _dockerfile(repo, container.get("image"), by_name=True):
            # the only Dockerfile, matched for want of a name: one image of a pod at most (its
            # first container, by convention the main one; a sidecar runs another project's image)
            if guessed_image is not None and guessed_image != container.get("image"):
                dockerfile = None
            guessed_image = guessed_image or container.get("image")
        workdir = container.get("workingDir") if isinstance(container.get("workingDir"), str) else None
        if external and (entry is None or _absolute(entry)):
            # another project's image: `args` go to its own ENTRYPOINT, an absolute `command` is its program
            # (neither is in this repository nor can reach its code)
            entry = args = None
        if dockerfile is not None:
            launch = kit.image_launch(repo, dockerfile, _context(repo, dockerfile), name=f"{name}/{cname}", label=label,
                                      location=where, entrypoint=entry, cmd=args, copies=copies, workdir=workdir)
        else:
            launch = kit.image_launch(repo, "", "", name=f"{name}/{cname}", label=label, location=where,
                                      entrypoint=entry, cmd=args, copies=copies)
            if launch.command is None:
                launch.note = f"image `{container.get('image')}`: its command is not in this repository"
                if external:
                    launch.runs = False  # (nothing of this repository runs in it)
            if _built_elsewhere(repo, container.get("image")):
                launch.built = ("*",)  # `python leader_bot/bot.py` names a file of that image, not a missing one
        launch.role = "web" if container.get("ports") else "worker"
        if copies.count == 0:
            launch.runs = False
            launch.note = "replicas = 0"
        if overlap is not None:
            launch.overlaps.append(overlap)
        launches.append(launch)
    return launches


def _job_copies(repo: Repo, doc: Doc, label: str, spec: dict) -> Copies:
    """Pods of one Job at once: `parallelism` (default 1), at most `completions` (when set)."""
    from .. import yamlfile

    if spec.get("suspend") is True:
        return Copies(0, f"{label} suspend: true", yamlfile.where(doc.path, spec, "suspend"))
    where = yamlfile.value_where(doc.path, spec, "parallelism")
    parallel = kit.count(repo, spec.get("parallelism"), where, f"{label} parallelism", default=1, variables=ENVSUBST)
    completions = kit.count(repo, spec.get("completions"), yamlfile.value_where(doc.path, spec, "completions"),
                            f"{label} completions", default=None, variables=ENVSUBST)
    if parallel is None or parallel == 1:
        return Copies()
    if parallel == 0:
        return Copies(0, f"{label} parallelism = 0 (suspended)", where)
    if completions is not None and completions < parallel:
        if completions <= 1:
            return Copies()
        return Copies(completions, f"{label} parallelism = {parallel}, completions = {completions}: "
                                   f"{completions} pods at once", where,
                      switch=f"set `parallelism: 1` on {label}")
    return Copies(parallel, f"{label} parallelism = {parallel}: {parallel} pods at once", where,
                  switch=f"set `parallelism: 1` on {label} (completions then run one after another)")


def _context(repo: Repo, dockerfile: str) -> str:
    """The build context of an image matched by name: the Dockerfile's directory, or the
    root when its COPY sources are only there (`docker build -f build/Dockerfile .`)."""
    from .dockerfile import _guess_context
    from .dockerfile_image import final_command

    dc = final_command(repo, dockerfile)
    return _guess_context(repo, dc, dockerfile) if dc is not None else posixpath.dirname(dockerfile)


def _words(value):
    """command/args are lists of strings (exec form); anything else is wrong."""
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int, float))]
    return None


def _overlap(doc: Doc, spec: dict) -> Overlap | None:
    from .. import yamlfile

    strategy = spec.get("strategy") if isinstance(spec.get("strategy"), dict) else {}
    kind = strategy.get("type", "RollingUpdate")
    if kind != "RollingUpdate":
        return None
    surge = _get(strategy, "rollingUpdate", "maxSurge")
    if surge in (0, "0", "0%"):
        return None
    where = yamlfile.where(doc.path, strategy, "type") if "type" in strategy else yamlfile.where(doc.path, doc.data, "kind")
    return Overlap(f"Deployment `{_name(doc)}` RollingUpdate (maxSurge {surge if surge is not None else '25%'}: "
                   "the new pod starts before the old one stops)", where, platform="kubernetes",
                   switch=f"set `strategy: {{type: Recreate}}` on Deployment `{_name(doc)}` (or `rollingUpdate: {{maxSurge: 0}}`) "
                          "so the old pod stops before the new one starts")


# images whose own command is a shell or an interpreter: `args`/`command` name the program to run
BASE_IMAGES = frozenset({"python", "pypy", "node", "bun", "deno", "alpine", "ubuntu", "debian", "busybox", "bash",
                         "golang", "ruby", "openjdk", "eclipse-temurin", "amazoncorretto", "php", "perl", "centos",
                         "fedora", "rockylinux", "almalinux", "amazonlinux", "distroless"})


def _third_party(image) -> bool:
    """An image of another project (`redis`, `bitnami/postgresql`, `quay.io/minio/mc`), not a
    language or OS base image that runs whatever it is given; unknown or templated names
    are not (they may be this repository's image pushed under another name)."""
    if not isinstance(image, str) or not image.strip() or "$" in image or "{" in image:
        return False
    head, _, last = image.split("@", 1)[0].rpartition("/")
    name = last.split(":", 1)[0].lower()
    org = head.rsplit("/", 1)[-1].lower() if head else ""
    if name in BASE_IMAGES or (org, name) in (("oven", "bun"), ("denoland", "deno")):
        return False
    host = image.split("/", 1)[0].lower() if "/" in image else ""
    return name in PUBLIC_IMAGES or org in THIRD_PARTY_ORGS or host in CLUSTER_REGISTRIES


THIRD_PARTY_ORGS = frozenset({"library", "bitnami", "minio", "rustfs", "grafana", "prom", "hashicorp", "confluentinc",
                              "jetstack", "ingress-nginx", "traefik", "envoyproxy", "valkey", "redis", "mongo",
                              "postgres", "rabbitmq", "elastic", "otel", "jaegertracing", "cloudnative-pg",
                              # cluster tooling committed beside a bot (`flux bootstrap` writes gotk-components.yaml)
                              "fluxcd", "argoproj", "kyverno", "bitnami-labs", "external-secrets", "longhornio",
                              "rancher", "cilium", "calico", "metallb", "coredns"})
# registries of the Kubernetes project itself (ingress-nginx, metrics-server, kube-state-metrics)
CLUSTER_REGISTRIES = frozenset({"registry.k8s.io", "k8s.gcr.io"})


def _built_elsewhere(repo: Repo, image) -> bool:
    """An image named by the manifest (`registry/app:tag`, `{{ .Values.image.repository }}`)
    in a repository that holds no Dockerfile at all (a chart or manifests repository): the
    image is built from another repository, so a relative path its command names is a file
    of that image, not one missing here (no DPL003; a file the repository does hold is
    still followed)."""
    if not isinstance(image, str) or not image.strip():
        return False
    return not repo.memo(("dockerfiles",), lambda: repo.named(is_dockerfile))


def _absolute(command) -> bool:
    argv = command.argv if command.argv is not None else (command.shell or "").split()
    return bool(argv) and str(argv[0]).startswith("/")


def _dockerfile(repo: Repo, image, by_name: bool = False) -> str | None:
    """The repository Dockerfile an image name is built from (by name), if any; else
    (unless `by_name`) the repository's only Dockerfile, or its only root Dockerfile."""
    if not isinstance(image, str) or not image.strip():
        return None
    base = image.split("@", 1)[0]
    last = base.rsplit("/", 1)[-1]
    name = last.split(":", 1)[0].lower()
    if name in PUBLIC_IMAGES or base.split("/", 1)[0] in ("bitnami", "docker.io/bitnami") or ("/" not in base and name in ("python", "node")):
        return None
    dockerfiles = repo.memo(("dockerfiles",), lambda: repo.named(is_dockerfile))
    if not dockerfiles:
        return None
    for path in dockerfiles:
        directory = posixpath.basename(posixpath.dirname(path)).lower()
        stem = posixpath.basename(path).lower()
        if directory == name or stem in (f"dockerfile.{name}", f"{name}.dockerfile"):
            return path
    if by_name:
        return None
    roots = [p for p in dockerfiles if posixpath.basename(p) in ("Dockerfile", "dockerfile")]
    if len(dockerfiles) == 1:
        return dockerfiles[0]
    return roots[0] if len(roots) == 1 and posixpath.dirname(roots[0]) == "" else None
