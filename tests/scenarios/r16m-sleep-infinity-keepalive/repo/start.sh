#!/bin/bash
(python bot.py &)
sleep infinity
