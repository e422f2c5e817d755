"""Copies.pm2: the part of a copy count that PM2 instances make (NODE_APP_INSTANCE tells them apart)."""
from __future__ import annotations

from deploylint.model import ONE, Copies, Evidence, Instance, Launch, Location, Process, Target

HERE = Location("docker-compose.yml", 10, 7)


def test_without_pm2_keeps_the_platform_replicas():
    replicas = Copies(3, "deploy.replicas = 3", HERE)
    pm2 = Copies(4, "PM2 `instances: 4` (cluster mode)", Location("ecosystem.config.js", 2), pm2=4)
    both = replicas.times(pm2)
    assert (both.count, both.pm2) == (12, 4)
    alone = both.without_pm2()
    assert (alone.count, alone.reason, alone.pm2) == (3, "deploy.replicas = 3", 1)
    assert pm2.without_pm2() is ONE
    assert replicas.without_pm2() is replicas


def test_instance_copies_of_guarded_evidence():
    target = Target("compose", "docker-compose.yml", Location("docker-compose.yml", 1))
    launch = Launch("shop", "compose service `shop`", Location("docker-compose.yml", 2), None,
                    copies=Copies(3, "deploy.replicas = 3", HERE))
    process = Process(("node", "server.js"), Location("ecosystem.config.js", 2),
                      copies=Copies(4, "PM2 `instances: 4` (cluster mode)", None, pm2=4))
    guarded = Evidence("polling", "Telegram polling (Telegraf)", Location("server.js", 12), pm2_once=True)
    plain = Evidence("polling", "Telegram polling (Telegraf)", Location("server.js", 12))
    instance = Instance(target, launch, process, [guarded])
    assert instance.copies_of(plain).count == 12
    guarded_copies = instance.copies_of(guarded)
    assert (guarded_copies.count, guarded_copies.location) == (3, HERE)
