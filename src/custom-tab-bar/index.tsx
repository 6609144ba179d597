/**
 * weapp's tab bar, drawn by us (app.config `tabBar.custom`): the native bar cannot
 * grow, and in 大字模式 its labels must be as large as every other text (≥ 18 px)
 * and its targets as tall as every other control. Each tab page's PageShell tells
 * the bar which tab is selected (Taro.getTabBar(page).setSelected).
 */
import { Component } from 'react';
import Taro from '@tarojs/taro';
import { CoverImage, CoverView } from '@tarojs/components';
import { isLargeText, subscribeLargeText } from '@/store/largeText';
import { TABS, subscribeTabBar, tabBadges } from '@/store/tabBar';
import './index.scss';

interface State {
  selected: number;
  large: boolean;
  badges: readonly (string | null)[];
}

export default class CustomTabBar extends Component<object, State> {
  state: State = { selected: 0, large: isLargeText(), badges: tabBadges() };
  private off: (() => void)[] = [];

  componentDidMount() {
    this.off.push(subscribeLargeText((large) => this.setState({ large })));
    this.off.push(subscribeTabBar(() => this.setState({ badges: [...tabBadges()] })));
  }

  componentWillUnmount() {
    this.off.forEach((f) => f());
  }

  setSelected(selected: number) {
    this.setState({ selected, large: isLargeText(), badges: [...tabBadges()] });
  }

  switchTo(index: number) {
    this.setSelected(index);
    void Taro.switchTab({ url: '/' + TABS[index].path });
  }

  render() {
    const { selected, large, badges } = this.state;
    return (
      <CoverView className={`tab-bar${large ? ' tab-bar--large' : ''}`}>
        {TABS.map((t, i) => (
          <CoverView key={t.path} className={`tab-bar__item${i === selected ? ' tab-bar__item--on' : ''}`} onClick={() => this.switchTo(i)}>
            <CoverImage className='tab-bar__icon' src={`/assets/tab/${t.icon}${i === selected ? '-active' : ''}.png`} />
            <CoverView className='tab-bar__text'>{t.text}</CoverView>
            {badges[i] ? <CoverView className='tab-bar__badge'>{badges[i]}</CoverView> : null}
          </CoverView>
        ))}
      </CoverView>
    );
  }
}
