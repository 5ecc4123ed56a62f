"""What Wagtail calls when a workflow is approved (WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail imports this setting while its own models load, so this module imports nothing at the top."""


def finish_workflow(workflow_state, user=None):
    from site_core.editorial.governance import finish_workflow as finish

    return finish(workflow_state, user=user)
