/* SPDX-License-Identifier: MIT */
/* placeholder, being written */
typedef int nk_placeholder_sim;
