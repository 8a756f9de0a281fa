"""What the officers app contributes to the shared core (see kassel_integration.contributions)."""
