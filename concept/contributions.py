"""What the concept app contributes to the shared core (see kassel_integration.contributions)."""
