/* stripe.c - two threads over n jobs, in stripes. */
#include "core/stripe.h"

#include <pthread.h>
#include <stdbool.h>

struct stripe {
	void (*job)(void *, size_t);
	void *arg;
	size_t n, first, step;
};

static void *stripe_thread(void *p)
{
	const struct stripe *w = p;
	for (size_t k = w->first; k < w->n; k += w->step)
		w->job(w->arg, k);
	return NULL;
}

void stripe_run(size_t n, void (*job)(void *arg, size_t k), void *arg)
{
	struct stripe w[2] = {{job, arg, n, 0, 2}, {job, arg, n, 1, 2}};
	pthread_t th;
	bool threaded = n > 1 && pthread_create(&th, NULL, stripe_thread, &w[1]) == 0;
	if (!threaded)
		w[0].step = 1;
	stripe_thread(&w[0]);
	if (threaded)
		pthread_join(th, NULL);
}
