from django.views.generic import ListView


class ForgivingListView(ListView):
    """`?page=999` or `?page=abc` shows the nearest real page instead of a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
