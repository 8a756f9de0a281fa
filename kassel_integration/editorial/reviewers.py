"""Who reviews: the permission that publishes, and the review form's comment field."""

REVIEWERS = "Reviewers"
PUBLISH_PERMISSION = "kassel_integration.publish_content"
REVIEW_COMMENT = "review_comment"


def can_publish(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)
