"""supplier-vetting core: model, store, scoring, orders, policy, publish, cli."""
