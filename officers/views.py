from django.shortcuts import render


def index(request):
    # Placeholder until this section's issue lands; the navigation already links here.
    return render(request, "coming_soon.html", {"section": "officers"})
