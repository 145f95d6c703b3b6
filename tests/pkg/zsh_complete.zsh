#!/usr/bin/env zsh
# SPDX-License-Identifier: MIT
# zsh_complete.zsh FPATH_DIR LINE [DUMP]: the matches zsh's completion system
# offers for LINE (the cursor at its end), one per line, as the word
# would read after completion. A helper of test_completion.sh: it runs an
# interactive `zsh -f` in a zsh/zpty pseudo-terminal with compinit on
# FPATH_DIR, wraps compadd to print the matches instead of inserting
# them, types LINE and Tab, and reads until the completion has finished
# (marked by NUL lines before and after). Nothing is run: Enter is
# unbound in that shell. DUMP, if given, is compinit's dump file, made by
# the first call and reused by the next ones (compinit -C), which saves
# about a second a call.
emulate -L zsh
zmodload zsh/zpty || exit 99

zpty z zsh -f -i || exit 99
zpty -w z 'PS1= PS2= RPROMPT=; unsetopt zle_bracketed_paste 2>/dev/null'
zpty -w z "fpath=(${(q)1} \$fpath)"
if [[ -n ${3:-} ]]; then
	zpty -w z "autoload -Uz compinit && compinit -u -C -d ${(q)3}"
else
	zpty -w z 'autoload -Uz compinit && compinit -u -D'
fi
zpty -w z "zstyle ':completion:*' list-grouped false"
zpty -w z "zstyle ':completion:*' insert-tab false"
zpty -w z 'nk_null() { print -rn -- $'"'"'\0\n'"'"' }'
zpty -w z 'compprefuncs=(nk_null); comppostfuncs=(nk_null exit)'
zpty -w z 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"; return $?
  fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  typeset -A apre hpre
  zparseopts -E P:=apre p:=hpre
  local h
  for h in $__hits; do print -r -- "<M>$IPREFIX$apre[-P]$hpre[-p]$h"; done
}'
zpty -w z "bindkey '^I' complete-word; bindkey '^M' undefined-key; bindkey '^J' undefined-key"
zpty -w z "$2"$'\t'

integer seen=0
while zpty -r z line; do
	line=${line%$'\r'}
	line=${line%$'\n'}
	line=${line%$'\r'}
	if [[ $line == *$'\0'* ]]; then
		(( seen++ ))
		(( seen == 2 )) && break
		continue
	fi
	(( seen == 1 )) && [[ $line == *'<M>'* ]] && print -r -- ${line#*<M>}
done
zpty -d z
