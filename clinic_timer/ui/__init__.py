"""The Qt side: windows that render the session's state and forward the facilitator's intent."""
