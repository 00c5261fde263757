"""The control port: the hall's central control (中控) drives the show over the network.

`commands` (the vocabulary, Qt-free), `config` (the per-machine config.yaml), `guard`
(allow list, token, rate limits), `dispatch` (a command run on the Show), the transports
(`text` for UDP and TCP, `osc`, `http`), `notify` (status pushed out), `discovery`
(mDNS), `port` (assembles what the config turns on) and `client` (`zzkiosk control`).
Import the submodules you need; this package imports nothing so that start-up stays fast.
"""
