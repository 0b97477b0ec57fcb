"""Pure computations on what was read and checked: rates, adoption matching, rewards, the roster."""
