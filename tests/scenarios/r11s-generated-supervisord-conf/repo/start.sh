#!/bin/sh
echo "[supervisord]" > /etc/supervisord.conf
echo "nodaemon=true" >> /etc/supervisord.conf
printf "[program:bot]\ncommand=python bot.py\n" >> /etc/supervisord.conf
exec supervisord -n -c /etc/supervisord.conf
