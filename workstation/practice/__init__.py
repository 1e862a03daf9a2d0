"""Practice mode: a training workstation with its own store, sample citizens and dossiers, a simulated
province and exercises checked from the practice store. Never the real store, never the real server."""
