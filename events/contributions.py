"""What the events app contributes to the shared core (see kassel_integration.contributions)."""
