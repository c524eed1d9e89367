/*
 * procfs.c - fs/proc/generic.c and fs/seq_file.c as far as a module here can see them. msgslot
 * has no /proc of modules: proc_create() and proc_mkdir() hand back an entry nobody can open,
 * and remove_proc_entry()/proc_remove() forget it, so a driver that publishes a /proc file
 * loads, runs and unloads as on Linux. The seq_file functions exist so that a proc_ops or
 * file_operations can point at them; nothing calls them, as no such file can be opened.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/completion.h>
#include "libkern.h"

/* Opaque to modules (an incomplete type in <linux/proc_fs.h>, as in Linux). */
struct proc_dir_entry {
	const struct proc_ops *ops;
	void *data;
};

static struct proc_dir_entry kern_proc_entry;

struct proc_dir_entry *proc_create_data(const char *name, umode_t mode, struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data)
{
	(void)name; (void)mode; (void)parent; (void)proc_ops; (void)data;
	return &kern_proc_entry;
}

struct proc_dir_entry *proc_create(const char *name, umode_t mode, struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops)
{
	return proc_create_data(name, mode, parent, proc_ops, NULL);
}

struct proc_dir_entry *proc_mkdir_mode(const char *name, umode_t mode, struct proc_dir_entry *parent)
{
	return proc_create_data(name, mode, parent, NULL, NULL);
}

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	return proc_mkdir_mode(name, 0, parent);
}

void proc_remove(struct proc_dir_entry *de)
{
	(void)de;
}

void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	(void)name; (void)parent;
}

int remove_proc_subtree(const char *name, struct proc_dir_entry *parent)
{
	(void)name; (void)parent;
	return 0;
}

void *pde_data(const struct inode *inode)
{
	(void)inode;
	return NULL;
}

/* Unreachable here (no seq_file is ever opened): what Linux returns for a file that is not one. */
int seq_open(struct file *file, const struct seq_operations *op)
{
	(void)file; (void)op;
	return -ENOMEM;
}

ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos)
{
	(void)file; (void)buf; (void)size; (void)ppos;
	return -EINVAL;
}

loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	(void)file; (void)offset; (void)whence;
	return -EINVAL;
}

int seq_release(struct inode *inode, struct file *file)
{
	(void)inode; (void)file;
	return 0;
}

int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
	(void)file; (void)show; (void)data;
	return -ENOMEM;
}

int single_release(struct inode *inode, struct file *file)
{
	(void)inode; (void)file;
	return 0;
}

int seq_write(struct seq_file *seq, const void *data, size_t len)
{
	(void)seq; (void)data; (void)len;
	return -1;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	(void)m; (void)fmt;
}

void seq_putc(struct seq_file *m, char c)
{
	(void)m; (void)c;
}

void seq_puts(struct seq_file *m, const char *s)
{
	(void)m; (void)s;
}

/* kernel/sched/completion.c: the half that never sleeps. */
void complete(struct completion *x)
{
	if (x->done != ~0U)
		x->done++;
}

void complete_all(struct completion *x)
{
	x->done = ~0U;
}

bool try_wait_for_completion(struct completion *x)
{
	if (!x->done)
		return false;
	if (x->done != ~0U)
		x->done--;
	return true;
}

bool completion_done(struct completion *x)
{
	return x->done != 0;
}
