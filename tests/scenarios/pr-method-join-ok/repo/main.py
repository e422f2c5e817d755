"""Entry: describes every registered service; it never imports pollers.py itself."""
import registry

for service in registry.services():
    print(service.describe())
